from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoModel, AutoTokenizer


def load(model_id, rev):
    AutoTokenizer.from_pretrained("org/model")  # expect-audit: huggingface-unpinned-revision  # bandit: B615
    AutoModel.from_pretrained("org/model", revision="main")  # expect-audit: huggingface-unpinned-revision
    AutoModel.from_pretrained("org/model", trust_remote_code=True)  # expect: huggingface-unpinned-revision, huggingface-trust-remote-code
    hf_hub_download(repo_id="org/model", filename="config.json")  # expect-audit: huggingface-unpinned-revision
    snapshot_download("org/model", revision="4f1c4a86b2ad2b0b1d47e8e0e1f6f4ed2c8b1a37")  # ok: huggingface-unpinned-revision
    AutoModel.from_pretrained("./checkpoints/final")  # ok: huggingface-unpinned-revision
    AutoModel.from_pretrained(model_id)  # ok: huggingface-unpinned-revision
    AutoModel.from_pretrained("org/model", revision=rev)  # ok: huggingface-unpinned-revision
    AutoModel.from_pretrained("org/model", local_files_only=True)  # ok: huggingface-unpinned-revision
