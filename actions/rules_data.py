"""The rules data, loaded once when the action server starts: a broken file stops it there."""

from bot.rules.directory import load_directory
from bot.rules.eligibility import load_policy
from bot.rules.routing import load_routing
from bot.rules.subjects import load_subjects

POLICY = load_policy()
DIRECTORY = load_directory()
ROUTING = load_routing(DIRECTORY)
SUBJECTS = load_subjects()
