//! Dependency audit (assembling).
pub mod db;
pub mod name;
pub mod osv;
pub mod version;
