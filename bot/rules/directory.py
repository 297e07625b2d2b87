"""The services people are sent to, with only the contact details an operator has verified."""

from dataclasses import dataclass
from pathlib import Path

from pydantic import constr

from bot.rules.loading import DATA_DIR, StrictModel, load_model

DIRECTORY_FILE = DATA_DIR / "directory.yml"
OFFICE_SOCIAL = "office_social"


class Service(StrictModel):
    name: constr(min_length=1)
    organisation: str | None = None
    address: str | None = None
    contact_person: str | None = None
    phones: list[constr(regex=r"^\(\+\d{1,3}\)[\d \-]+$")] = []
    emails: list[constr(regex=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")] = []

    def has_contact_details(self) -> bool:
        return bool(self.address or self.contact_person or self.phones or self.emails)


class Directory(StrictModel):
    services: dict[str, Service]
    offices_sociaux: dict[str, Service]

    def service(self, service_id: str, commune: str | None = None) -> Service:
        """The service; for the Office social, the one of `commune` when the directory has it."""
        if service_id == OFFICE_SOCIAL and commune in self.offices_sociaux:
            return self.offices_sociaux[commune]
        return self.services[service_id]


def load_directory(path: Path = DIRECTORY_FILE) -> Directory:
    return load_model(path, Directory)


@dataclass(frozen=True)
class CardLabels:
    """The words before each detail of a card, in the conversation's language ("Téléphone :", "Phone:")."""

    person: str
    address: str
    phone: str
    email: str


def contact_card(service: Service, labels: CardLabels) -> str:
    """The service's name, then each contact detail on its own line after its label; "" if none."""
    if not service.has_contact_details():
        return ""
    heading = f"{service.name} ({service.organisation})" if service.organisation else service.name
    lines = [heading]
    if service.contact_person:
        lines.append(f"{labels.person} {service.contact_person}")
    if service.address:
        lines.append(f"{labels.address} {service.address}")
    lines += [f"{labels.phone} {phone}" for phone in service.phones]
    lines += [f"{labels.email} {email}" for email in service.emails]
    return "\n".join(lines)
