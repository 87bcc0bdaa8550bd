"""The adapter: the only code that knows MkDocs, Material for MkDocs and mkdocs-static-i18n.

``plugin.py`` hooks the pipeline (``portal/pipeline.py``) into MkDocs' events, ``config.py`` declares the
plugin's options, ``serve.py`` makes ``mkdocs serve --dirty`` rebuild only edited pages, ``markup.py``
mends two attributes Material's templates print. Material reaches its end of life on 5 May 2027: a
renderer that replaces it needs an adapter like this one, not a new pipeline.
"""

from __future__ import annotations

from mkdocs.config import load_config

from portal.adapter.plugin import PortalPlugin
from portal.pipeline import Settings


def read_settings(config_file: str = "mkdocs.yml") -> Settings:
    """The pipeline's settings as ``config_file`` (an ``mkdocs.yml``) declares them, for the scripts.

    Raises MkDocs' ConfigurationError for a malformed option, ContentError for a declaration or string
    that is missing.
    """
    config = load_config(config_file)
    plugin = config.plugins["portal"]
    assert isinstance(plugin, PortalPlugin), "mkdocs.yml lists no portal plugin"
    return plugin.settings_of(config)
