import torch


def load(repo, weights_dir):
    torch.hub.load("pytorch/vision:v0.10.0", "resnet18", pretrained=True)  # expect-audit: torch-hub-load
    torch.hub.load(repo, "detector", trust_repo=True)  # expect-audit: torch-hub-load
    torch.hub.load(weights_dir, "detector", source="local")  # ok: torch-hub-load
    torch.hub.set_dir(weights_dir)  # ok: torch-hub-load
