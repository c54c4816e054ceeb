"""Maps the top-level ``resources/`` folder into the package as ``dpo_desk/resources/``.

Everything else is configured in pyproject.toml; only this mapping needs code, because
pyproject.toml cannot add a package from another folder to the packages it finds.
``dpo_desk.resource_files`` finds the folder in a checkout and in the installed package.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = ["dpo_desk.resources"] + [
    f"dpo_desk.resources.{name}" for name in find_namespace_packages(where="resources")
]

setup(
    packages=find_packages(include=["dpo_desk", "dpo_desk.*"]) + RESOURCES,
    package_dir={"dpo_desk.resources": "resources"},
    package_data={
        "dpo_desk.store.migrations": ["*.mako", "*.ini", "fingerprints/*.json"],
        **{name: ["*"] for name in RESOURCES},
    },
)
