import yaml
from yaml import SafeLoader, FullLoader


def read(stream):
    yaml.load(stream)  # expect: yaml-unsafe-load
    yaml.load(stream, Loader=FullLoader)  # expect: yaml-unsafe-load
    yaml.load(stream, yaml.UnsafeLoader)  # expect: yaml-unsafe-load
    yaml.unsafe_load(stream)  # expect: yaml-unsafe-load
    yaml.load(stream, Loader=SafeLoader)  # ok: yaml-unsafe-load
    yaml.load(stream, Loader=yaml.CSafeLoader)  # ok: yaml-unsafe-load
    yaml.safe_load(stream)  # ok: yaml-unsafe-load
    yaml.full_load("a: 1")  # expect-audit: yaml-unsafe-load
    yaml.load("a: 1", Loader=yaml.Loader)  # expect-audit: yaml-unsafe-load


def read_ruamel(stream, kind):
    import ruamel.yaml
    from ruamel.yaml import YAML

    YAML(typ="unsafe").load(stream)  # expect: yaml-unsafe-load
    ruamel.yaml.YAML(typ="unsafe", pure=True)  # expect: yaml-unsafe-load
    ruamel.yaml.load(stream)  # expect: yaml-unsafe-load
    ruamel.yaml.load(stream, Loader=ruamel.yaml.RoundTripLoader)  # ok: yaml-unsafe-load
    YAML(typ=kind)  # expect-audit: yaml-unsafe-load
    YAML(typ="safe").load(stream)  # ok: yaml-unsafe-load
    YAML().load(stream)  # ok: yaml-unsafe-load
