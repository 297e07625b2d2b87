import pytest
import yaml

from bot.nlu.subject_finder import SUBJECT_NAMES_FILE, load_subject_names
from bot.rules.subjects import load_subjects

NAMES = load_subject_names()


def test_every_subject_has_names_and_only_subjects_do():
    names = yaml.safe_load(SUBJECT_NAMES_FILE.read_text(encoding="utf-8"))["subjects"]
    assert list(names) == list(load_subjects().subjects)
    assert [subject for subject, patterns in names.items() if not patterns] == []


@pytest.mark.parametrize(
    "text, named",
    [
        ("c'est quoi le LISKO ?", ["lisko"]),
        ("la garantie du lisko", ["landlord_guarantee", "lisko"]),
        ("what does LogIS from Caritas do?", ["logis"]),
        ("is there any workshop next month", ["workshops"]),
        ("ما هو مشروع ALIN", ["alin"]),
        ("أبحث عن شغل", ["job_search"]),
        # Common spellings: one "m" in "accommodation"; the accusative "ضماناً".
        ("any emergency accomodation for tonight", ["emergency_shelter", "find_housing"]),
        ("هل يقدم الصليب الأحمر ضماناً للمالكين؟", ["lisko", "landlord_guarantee"]),
        ("et c'est pour qui ?", []),
        ("how much does it cover?", []),
        ("وين مكتبهم؟", []),
        ("is it free?", []),
    ],
)
def test_subjects_named_in_the_order_they_come(text, named):
    assert NAMES.named(text) == named


@pytest.mark.parametrize(
    "text, asks",
    [
        ("leur numéro svp", True),
        ("what's their email?", True),
        ("how can I reach them", True),
        ("رقم تلفونهم", True),
        ("c'est pour qui ?", False),
        ("et ça s'adresse à qui ?", False),
        ("quelle est leur adresse", True),
        ("what is the guarantee?", False),
        ("لمن هذا؟", False),
    ],
)
def test_a_request_for_contact_details(text, asks):
    assert NAMES.asks_contact(text) is asks


@pytest.mark.parametrize(
    "text, is_question",
    [
        ("c pour qui", True),
        ("et ca dure combien de temps", True),
        ("ils sont ou", True),
        ("un studio ou une chambre", False),
        ("c'est où", True),
        ("ok merci au revoir", False),
        ("individuel ou en groupe ?", True),
        ("when is the next one", True),
        ("do they speak arabic", True),
        ("ok thanks bye", False),
        ("yes please", False),
        ("وهل هي مجانية", True),
        ("بيفتحوا امتى", True),
        ("شكرا مع السلامة", False),
        ("ايه تمام", False),
        ("وفين المكتب ديالهم", True),
        ("بكام الايجار", True),
        ("شكد ياخذون", True),
        ("ومتين بيبدا", True),
        ("اش خاصني نجيب", True),
        ("الحمد لله كلشي مزيان", False),
    ],
)
def test_a_question(text, is_question):
    assert NAMES.is_question(text) is is_question


@pytest.mark.parametrize(
    "text, refers",
    [
        ("et ils aident aussi pour le travail ?", True),
        ("leur suivi dure combien ?", True),
        ("do they help with jobs too?", True),
        ("what is their role", True),
        ("عندهم ورشات كمان؟", True),
        ("هل يساعدون معهم العائلات", True),
        ("c'est quoi le LISKO ?", False),
        ("is it free?", False),
        ("ما هو LISKO؟", False),
        ("fahem", False),
    ],
)
def test_a_question_that_speaks_of_the_service_as_they(text, refers):
    assert NAMES.refers_to_them(text) is refers
