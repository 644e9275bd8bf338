import torch
from torch import load as torch_load


def restore(model, checkpoint_path, trusted):
    state = torch.load(checkpoint_path, map_location="cpu")  # expect: torch-unsafe-load  # bandit: B614
    torch_load(checkpoint_path, weights_only=False)  # expect: torch-unsafe-load
    with open(checkpoint_path, "rb") as f:
        torch.load(f)  # expect: torch-unsafe-load
    torch.load(checkpoint_path, weights_only=trusted)  # expect-audit: torch-unsafe-load
    torch.load("checkpoints/base.pt")  # expect-audit: torch-unsafe-load
    torch.load(checkpoint_path, map_location="cpu", weights_only=True)  # ok: torch-unsafe-load
    torch.jit.load(checkpoint_path)  # ok: torch-unsafe-load
    torch.save(model.state_dict(), checkpoint_path)  # ok: torch-unsafe-load
    return state
