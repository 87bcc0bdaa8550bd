"""The vocabulary of schemas: field types, the publication controls and the article's common front matter.

Each collection's and article kind's own schema lives with its declaration in ``portal/registry``.
"""
