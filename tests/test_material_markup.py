"""The two attribute fixes to Material's markup (``portal/adapter/markup.py``), on the markup its partials write."""

import pytest

from portal.adapter.markup import fix_material_markup

pytestmark = pytest.mark.fast

SECTION = (
    '<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_2" >\n'
    '          <label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">\n'
)
DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'


def test_an_empty_tabindex_goes_and_a_set_one_stays():
    fixed = fix_material_markup(SECTION + SECTION.replace('tabindex=""', 'tabindex="0"'))
    assert 'tabindex=""' not in fixed
    assert fixed.count('id="__nav_2_label">') == 1
    assert fixed.count('tabindex="0"') == 1


def test_autocomplete_leaves_checkboxes_only():
    search = '<input type="text" class="md-search__input" name="query" autocomplete="off">'
    fixed = fix_material_markup(DRAWER + search)
    assert fixed == DRAWER.replace(' autocomplete="off"', "") + search


def test_text_is_left_as_it_is():
    text = "<p>Write tabindex=&quot;&quot; to clear it.</p>"
    assert fix_material_markup(text) == text
