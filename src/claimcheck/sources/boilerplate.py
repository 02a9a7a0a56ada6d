"""Site furniture: general-English lines that pages repeat around an article (copyright, disclaimers, sharing, sign-up, navigation).

A line that is furniture is never part of a passage: it is not evidence, and it must not be glued into
a neighbouring sentence's window. The lists are general web vocabulary, not drawn from any corpus.
"""

from __future__ import annotations

import re

# A line that starts with one of these (case-insensitive) is furniture whatever follows.
PREFIXES = (
    "©",
    "copyright ©",
    "copyright (c)",
    "all rights reserved",
    "disclaimer:",
    "share this article",
    "share this story",
    "share this page",
    "share this post",
    "share on facebook",
    "share on twitter",
    "sign up for our",
    "sign up to our",
    "sign up to receive",
    "subscribe to our",
    "follow us on",
    "like us on",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by continuing to use this",
    "click here to",
    "related articles:",
    "related stories:",
    "read more:",
    "recommended for you",
    "you may also like",
)
# A line that is exactly one of these (case-insensitive, ignoring end punctuation) is furniture.
WHOLE_LINES = frozenset(
    {
        *("share", "tweet", "email", "print", "comments", "menu", "search", "home", "login", "log in", "sign in", "sign up"),
        *("subscribe", "subscribe now", "read more", "continue reading", "back to top", "top", "next", "previous", "newsletter"),
        *("contact", "contact us", "about", "about us", "careers", "advertise", "accept", "accept all", "reject all"),
        *("cookie settings", "manage cookies", "facebook", "twitter", "linkedin", "instagram", "youtube", "whatsapp", "pinterest"),
        *("reddit", "copy link", "print this page", "email this article", "related", "related articles", "most read", "trending"),
        *("more stories", "latest news", "listen to this article", "save article", "gift this article", "advertisement"),
        *("sponsored content", "terms of use", "terms of service", "privacy policy", "cookie policy", "all rights reserved"),
    }
)
# "Copyright 2019 Example Media" and "2019 © Example": a year next to the mark.
_COPYRIGHT = re.compile(r"^(?:copyright\s+(?:\d{4}|©|\(c\))|\(c\)\s*\d{4}\b|\d{4}\s*(?:©|\(c\)))", re.IGNORECASE)
# A navigation bar: three or more short items between separators ("Home | World | Business | Sport").
_NAV_SEPARATORS = re.compile(r"\s+[|·•»›]\s+|\s+/\s+")
MAX_FURNITURE_CHARS = 300


def is_furniture(line: str) -> bool:
    """Whether one line of text is site furniture rather than body text."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_FURNITURE_CHARS:
        return False
    lowered = stripped.lower()
    if lowered.startswith(PREFIXES) or _COPYRIGHT.match(lowered):
        return True
    bare = " ".join(lowered.rstrip(".:!»›>|").split())
    if bare in WHOLE_LINES:
        return True
    items = _NAV_SEPARATORS.split(stripped)
    if stripped.startswith("|") or stripped.endswith("|") or any(ch.isdigit() for ch in stripped):
        return False  # a table row or a line of figures is data, never a menu
    if len(items) >= 3 and all(0 < len(item.split()) <= 3 and not item.rstrip().endswith((".", "!", "?")) for item in items):
        # Words between bars with no sentence in them: a menu, not prose (which a byline's single slash is not).
        return any(mark in stripped for mark in "|·•»›") or len(items) >= 4
    return False
