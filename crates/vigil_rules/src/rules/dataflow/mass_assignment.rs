use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports objects whose fields or attributes are chosen by the request:
    /// a mapping of request data unpacked into an ORM model or a query
    /// (`Profile(**request.get_json())`, `Profile.objects.create(**data)`,
    /// `.update(**data)`, `get_or_create(defaults=data)`), copied into an
    /// object's attributes (`obj.__dict__.update(data)`), or attribute names
    /// taken from the request (`for key, value in data.items(): setattr(user,
    /// key, value)`). A mapping whose keys are written in the code
    /// (`Profile(name=data["name"])`, `{"bio": form["bio"]}`) is safe, as is a
    /// key checked against an allow-list first.
    ///
    /// ## Why is this bad?
    /// The client sends the fields it wants, not only those the form shows:
    /// `is_admin`, `role`, `owner_id`, `balance` or `password_hash` are
    /// set as easily as `bio`. The same holds for attributes of any object,
    /// including ones that control its behaviour.
    ///
    /// ## Example
    /// ```python
    /// profile = Profile.objects.get(user=request.user)
    /// for key, value in json.loads(request.body).items():
    ///     setattr(profile, key, value)
    /// ```
    ///
    /// ## Use instead
    /// Copy the fields the client may change, by name (or use a form or
    /// serializer that lists them):
    /// ```python
    /// EDITABLE = {"bio", "website"}
    /// for key, value in json.loads(request.body).items():
    ///     if key in EDITABLE:
    ///         setattr(profile, key, value)
    /// ```
    ///
    /// ## References
    /// - CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes
    pub static RULE = {
        name: "mass-assignment",
        category: Category::Web,
        cwe: &[915],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Copy only the fields the client may change, by name, or validate the keys against an allow-list (a form or serializer with an explicit field list).",
        flow: Flow::new(
            "as the names of the fields or attributes written",
            "the client chooses which fields to set, including ones it must not (mass assignment)",
        )
        .local_input_by_design(),
    };
}
