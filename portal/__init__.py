"""Bilingual publication portal: content/ → validated model → pages → Material theme."""
