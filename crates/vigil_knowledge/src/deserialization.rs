//! The deserialization family: loaders that can build arbitrary objects,
//! and so run code, from the data they read.
//!
//! The pattern rules (`unsafe-deserialization`, `yaml-unsafe-load`) and the
//! dataflow rule that claims this family (`tainted-deserialization`) read
//! these lists: a loader added here is flagged by both.

/// pickle and the formats built on it, and marshal: the first argument is
/// the data, the file or the file's name.
pub const PICKLE_LOADERS: &[&str] = &[
    "pickle.load",
    "pickle.loads",
    "pickle.Unpickler",
    "pickle._load",
    "pickle._loads",
    "pickle._Unpickler",
    "_pickle.load",
    "_pickle.loads",
    "_pickle.Unpickler",
    "cPickle.load",
    "cPickle.loads",
    "cPickle.Unpickler",
    "dill.load",
    "dill.loads",
    "dill.Unpickler",
    "cloudpickle.load",
    "cloudpickle.loads",
    "jsonpickle.decode",
    "jsonpickle.loads",
    "jsonpickle.unpickler.decode",
    "marshal.load",
    "marshal.loads",
    "shelve.open",
    "shelve.DbfilenameShelf",
    "shelve.Shelf",
    "pandas.read_pickle",
    "pandas.io.pickle.read_pickle",
    "joblib.load",
    "sklearn.externals.joblib.load",
];

/// Serializers whose output, loaded straight back, is no outside data.
pub const PICKLE_DUMPERS: &[&str] = &[
    "pickle.dumps",
    "_pickle.dumps",
    "cPickle.dumps",
    "dill.dumps",
    "cloudpickle.dumps",
    "marshal.dumps",
    "jsonpickle.encode",
    "jsonpickle.dumps",
];

/// Loaders that unpickle object arrays when `allow_pickle` is true.
pub const NUMPY_LOADERS: &[&str] = &["numpy.load", "numpy.lib.format.read_array"];

/// The keyword that makes [`NUMPY_LOADERS`] unpickle.
pub const ALLOW_PICKLE: &str = "allow_pickle";

/// YAML loaders that always build arbitrary objects: the first argument
/// (`stream`) is the document.
pub const YAML_UNSAFE_LOADERS: &[&str] = &[
    "yaml.unsafe_load",
    "yaml.unsafe_load_all",
    "yaml.full_load",
    "yaml.full_load_all",
    "ruamel.yaml.unsafe_load",
    "ruamel.yaml.unsafe_load_all",
];

/// YAML loaders whose second argument (`Loader`) decides: unsafe unless it
/// is one of [`YAML_SAFE_LOADER_CLASSES`].
pub const YAML_LOADERS: &[&str] = &[
    "yaml.load",
    "yaml.load_all",
    "ruamel.yaml.load",
    "ruamel.yaml.load_all",
];

/// Loader classes that build plain data only.
pub const YAML_SAFE_LOADER_CLASSES: &[&str] = &[
    "yaml.SafeLoader",
    "yaml.CSafeLoader",
    "yaml.BaseLoader",
    "yaml.CBaseLoader",
    "yaml.loader.SafeLoader",
    "yaml.loader.BaseLoader",
    "yaml.cyaml.CSafeLoader",
    "ruamel.yaml.SafeLoader",
    "ruamel.yaml.CSafeLoader",
    "ruamel.yaml.BaseLoader",
    "ruamel.yaml.CBaseLoader",
    "ruamel.yaml.RoundTripLoader",
    "ruamel.yaml.loader.SafeLoader",
    "ruamel.yaml.loader.BaseLoader",
    "ruamel.yaml.loader.RoundTripLoader",
];

/// ruamel.yaml's loader objects: configuration (`typ="unsafe"`), not a
/// place data arrives.
pub const RUAMEL_YAML_CLASSES: &[&str] = &["ruamel.yaml.YAML", "ruamel.yaml.main.YAML"];
