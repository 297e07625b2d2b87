"""A broken data file stops start-up with a message naming the file, the field and the problem."""

import pytest
import yaml

from bot.rules.directory import DIRECTORY_FILE, CardLabels, contact_card, load_directory
from bot.rules.eligibility import POLICY_FILE, load_policy
from bot.rules.loading import RulesDataError
from bot.rules.routing import ROUTING_FILE, load_routing


def edited(source, tmp_path, change) -> object:
    content = yaml.safe_load(source.read_text())
    change(content)
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(content, allow_unicode=True))
    return path


def test_the_shipped_files_load():
    directory = load_directory()
    assert load_policy().cover.fixed_amount_eur == 3000
    assert load_routing(directory).rows


@pytest.mark.parametrize(
    "change, field, problem",
    [
        (lambda c: c["cover"].pop("rent_months"), "cover.rent_months", "field required"),
        (
            lambda c: c["lisko_confirmed_criteria"].update(
                max_rent_share_of_income=1.5, confirmed_on="2027-01-15"
            ),
            "lisko_confirmed_criteria.max_rent_share_of_income",
            "less",
        ),
        (
            lambda c: c["lisko_confirmed_criteria"].update(private_market_required=True),
            "lisko_confirmed_criteria",
            "confirmed_on",
        ),
        (lambda c: c["criteria"].update(protected_statuses=["refugie"]), "criteria", "unknown statuses"),
        (lambda c: c["criteria"].update(max_rent_share=0.3), "criteria.max_rent_share", "extra fields"),
        (
            lambda c: c["plausible_amounts_eur"]["monthly_rent"].update(min=5000, max=100),
            "monthly_rent",
            "below max",
        ),
    ],
)
def test_a_broken_policy_names_the_field(tmp_path, change, field, problem):
    with pytest.raises(RulesDataError) as error:
        load_policy(edited(POLICY_FILE, tmp_path, change))
    assert str(tmp_path) in str(error.value) and field in str(error.value) and problem in str(error.value)


@pytest.mark.parametrize(
    "change, field, problem",
    [
        (lambda c: c["services"]["lisko"].update(phones=["27 55 56 03"]), "services.lisko.phones.0", "regex"),
        (
            lambda c: c["services"]["logis"].update(emails=["logis at caritas"]),
            "services.logis.emails.0",
            "regex",
        ),
        (lambda c: c["services"]["ona"].pop("name"), "services.ona.name", "field required"),
    ],
)
def test_a_broken_directory_names_the_field(tmp_path, change, field, problem):
    with pytest.raises(RulesDataError) as error:
        load_directory(edited(DIRECTORY_FILE, tmp_path, change))
    assert field in str(error.value) and problem in str(error.value)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c["rows"][0]["when"].update(status=["refugee"]), "unknown fact 'status'"),
        (lambda c: c["rows"][0]["when"].update(need=["food"]), "unknown values ['food']"),
        (
            lambda c: c["rows"][0].update(service="caritas"),
            "rows.0.service: 'caritas' is not in the directory",
        ),
        (
            lambda c: c.update(rows=[r for r in c["rows"] if r["reason"] != "status_not_covered"]),
            "no service for",
        ),
    ],
)
def test_a_broken_routing_table_names_the_problem(tmp_path, change, message):
    with pytest.raises(RulesDataError) as error:
        load_routing(load_directory(), edited(ROUTING_FILE, tmp_path, change))
    assert message in str(error.value)


@pytest.mark.parametrize("content", ["cover: [unclosed", ""])
def test_a_file_that_is_not_yaml_or_empty_is_refused(tmp_path, content):
    path = tmp_path / "guarantee_policy.yml"
    path.write_text(content)
    with pytest.raises(RulesDataError, match="guarantee_policy.yml"):
        load_policy(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(RulesDataError, match="cannot be read"):
        load_policy(tmp_path / "missing.yml")


LABELS = CardLabels(person="person:", address="address:", phone="phone:", email="email:")


def test_contact_cards_show_only_what_the_directory_has():
    directory = load_directory()
    lisko = contact_card(directory.service("lisko"), LABELS)
    assert lisko.splitlines() == [
        "LISKO (Croix-Rouge luxembourgeoise)",
        "person: Marc JOSSE",
        "address: 13, rue de Bragance, L-1255 Luxembourg",
        "phone: (+352) 27 55 56 03",
        "email: marc.josse@croix-rouge.lu",
    ]
    assert contact_card(directory.service("ona"), LABELS) == ""


def test_an_office_social_of_a_commune_comes_from_the_directory(tmp_path):
    path = edited(
        DIRECTORY_FILE,
        tmp_path,
        lambda c: c.update(
            offices_sociaux={"Wiltz": {"name": "Office social Wiltz", "phones": ["(+352) 00 00"]}}
        ),
    )
    directory = load_directory(path)
    assert (
        contact_card(directory.service("office_social", "Wiltz"), LABELS)
        == "Office social Wiltz\nphone: (+352) 00 00"
    )
    assert directory.service("office_social", "Mersch") == directory.services["office_social"]
    assert directory.service("lisko", "Wiltz") == directory.services["lisko"]
