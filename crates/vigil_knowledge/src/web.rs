//! Web frameworks: how a handler's parameter says it holds request data.

/// FastAPI's parameter functions: a parameter whose default is a call of
/// one (`x_token: str = Header(...)`), or whose annotation carries one
/// (`Annotated[str, Header()]`), is read from the request.
pub const REQUEST_PARAMETER_MARKERS: &[&str] = &[
    "fastapi.Header",
    "fastapi.Query",
    "fastapi.Cookie",
    "fastapi.Form",
    "fastapi.Body",
    "fastapi.Path",
    "fastapi.param_functions.Header",
    "fastapi.param_functions.Query",
    "fastapi.param_functions.Cookie",
    "fastapi.param_functions.Form",
    "fastapi.param_functions.Body",
    "fastapi.param_functions.Path",
];

/// The `Annotated` forms that attach metadata to a type.
pub const ANNOTATED: &[&str] = &["typing.Annotated", "typing_extensions.Annotated"];
