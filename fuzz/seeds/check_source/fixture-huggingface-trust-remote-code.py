from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline


def load(model_id, settings):
    AutoModelForCausalLM.from_pretrained(model_id, trust_remote_code=True)  # expect: huggingface-trust-remote-code
    AutoTokenizer.from_pretrained(  # expect: huggingface-trust-remote-code
        model_id,
        trust_remote_code=True,
        revision="4f1c4a86b2ad2b0b1d47e8e0e1f6f4ed2c8b1a37",
    )
    pipeline("text-generation", model=model_id, trust_remote_code=settings.remote)  # expect-audit: huggingface-trust-remote-code
    load_dataset(model_id, trust_remote_code=True)  # expect: huggingface-trust-remote-code
    AutoModelForCausalLM.from_pretrained(model_id)  # ok: huggingface-trust-remote-code
    AutoModelForCausalLM.from_pretrained(model_id, trust_remote_code=False)  # ok: huggingface-trust-remote-code
