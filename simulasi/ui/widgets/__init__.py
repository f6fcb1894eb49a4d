"""The game's widgets, one small module each, re-exported here."""

from simulasi.ui.widgets.choice_list import ChoiceList, ChoiceMade
from simulasi.ui.widgets.feed import Feed
from simulasi.ui.widgets.inbox import Inbox, InboxItem
from simulasi.ui.widgets.inject_view import InjectView, Scroller
from simulasi.ui.widgets.key_bar import KeyBar
from simulasi.ui.widgets.meters import Meters

__all__ = [
    "ChoiceList",
    "ChoiceMade",
    "Feed",
    "Inbox",
    "InboxItem",
    "InjectView",
    "KeyBar",
    "Meters",
    "Scroller",
]
