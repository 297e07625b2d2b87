from collections import Counter

from bot.rules.directory import load_directory
from bot.rules.subjects import load_subjects
from tests.test_domain import FAQ_KEYS

SUBJECTS = load_subjects()


def test_every_faq_answer_belongs_to_one_subject():
    keys = Counter(key for subject in SUBJECTS.subjects.values() for key in subject.faq)
    assert set(keys) == set(FAQ_KEYS)
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_service_of_a_subject_is_in_the_directory():
    services = load_directory().services
    assert [s.service for s in SUBJECTS.subjects.values() if s.service and s.service not in services] == []
