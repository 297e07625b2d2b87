"""Personal data never reaches the logs."""

import logging

import pytest

from bot.log_masking import MaskingFilter, mask


@pytest.mark.parametrize(
    "text, masked",
    [
        ("écrivez à amina.b+bpi@example.lu", "écrivez à [email]"),
        ("mon numéro : +352 621 123 456", "mon numéro : [phone]"),
        ("appelez le 00352 27 55 56 03 demain", "appelez le [phone] demain"),
        ("tél. 621 123 456", "tél. [phone]"),
        ("(+352) 40 21 31 - 903", "([phone]"),
        ("IBAN LU28 0019 4006 4475 0000", "IBAN [iban]"),
        ("iban lu280019400644750000", "iban [iban]"),
        ("matricule 1985010112345", "matricule [national-id]"),
        ("matricule 1985 01 01 12345", "matricule [national-id]"),
        ("passeport AB1234567", "passeport [document-number]"),
        ("titre de séjour n° p1234567", "titre de séjour n° [document-number]"),
    ],
)
def test_personal_data_is_masked(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "mon loyer est de 1200 €",
        "3 000 euros par mois",
        "1.200 €",
        "nous sommes 4 personnes",
        "LISKO",
        "112 et 113",
        "version 3.6.21",
        '"confidence": 0.9876543',
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert mask(text) == text


def test_the_filter_masks_the_message_its_arguments_and_the_traceback(caplog):
    logger = logging.getLogger("test_log_masking")
    handler = caplog.handler
    handler.addFilter(MaskingFilter())
    try:
        logger.warning("user %s wrote %r", "amina@example.lu", "+352 621 123 456")
        try:
            raise ValueError("bad IBAN LU28 0019 4006 4475 0000")
        except ValueError:
            logger.exception("failed")
    finally:
        handler.removeFilter(handler.filters[-1])
    text = caplog.text
    assert "amina@example.lu" not in text and "621 123 456" not in text and "LU28" not in text
    assert "user [email] wrote '[phone]'" in text
    assert "ValueError: bad IBAN [iban]" in text
