"""The Content-Security-Policy every page carries: only the site's own scripts run.

The theme's inline scripts are allowed by their SHA-256 hashes, taken from the theme's own script
partials (``partials/javascripts/*.html``, Material's and ours) rendered once per build, never
from a built page; any other inline script, every inline event handler and every ``javascript:``
address is refused by the browser. Pagefind compiles WebAssembly (``'wasm-unsafe-eval'``, which
allows no JavaScript ``eval``). Styles may be inline: Material and Pagefind set them, and content
cannot (the sanitiser drops ``style``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from jinja2 import Environment

SCRIPT_PARTIALS = "partials/javascripts/"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
REFERRER_POLICY = "strict-origin-when-cross-origin"


def script_partials(theme_dirs: list[str]) -> list[str]:
    """The template names of the theme's script partials, from its folders (listing all of Material's
    templates and icons instead took 0.1 s per language pass)."""
    found = set()
    for folder in map(Path, theme_dirs):
        found |= {
            path.relative_to(folder).as_posix() for path in (folder / SCRIPT_PARTIALS).rglob("*") if path.is_file()
        }
    return sorted(found)


def theme_scripts(env: Environment, context: dict, partials: list[str]) -> frozenset[str]:
    """The text of every inline script the theme's script ``partials`` print, rendered with ``context``."""
    found = set()
    for name in partials:
        found.update(INLINE_SCRIPT.findall(env.get_template(name).render(context)))
    return frozenset(found)


def script_hash(script: str) -> str:
    """The CSP source expression allowing one inline script, e.g. ``'sha256-…'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def policy(scripts: frozenset[str], *, live_reload: bool = False) -> str:
    """The policy for pages whose inline scripts are ``scripts``.

    ``live_reload`` (``mkdocs serve`` only, never published) lets the server's injected reload
    script run: browsers ignore ``'unsafe-inline'`` next to hashes, so there are none then.
    """
    inline = ["'unsafe-inline'"] if live_reload else sorted(script_hash(script) for script in scripts)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *inline],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())
