"""Pages stage: which pages each language gets, at which URL, with which data for its template.

``site.plan_site`` plans them all; ``articles``, ``records`` and ``data`` plan their own kinds, and
``portal.statistics`` the statistics page.
"""
