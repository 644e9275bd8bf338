//! Dependency audit (assembling).
pub mod db;
pub mod matching;
pub mod name;
pub mod osv;
pub mod version;
pub mod manifest;
