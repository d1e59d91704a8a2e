"""One widget view per worksheet item type (text, number, date, choice, repeat,
support map, person pick) and `factory.item_view`, which picks the view for an item.
"""
