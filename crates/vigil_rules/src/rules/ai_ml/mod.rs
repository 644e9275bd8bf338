//! Model loading, remote code and LLM output.

pub mod huggingface_trust_remote_code;
pub mod huggingface_unpinned_revision;
pub mod keras_unsafe_load;
pub mod langchain_code_execution;
pub mod langchain_dangerous_deserialization;
pub mod torch_hub_load;
pub mod torch_unsafe_load;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &torch_unsafe_load::RULE,
    &torch_hub_load::RULE,
    &keras_unsafe_load::RULE,
    &huggingface_trust_remote_code::RULE,
    &huggingface_unpinned_revision::RULE,
    &langchain_dangerous_deserialization::RULE,
    &langchain_code_execution::RULE,
];
