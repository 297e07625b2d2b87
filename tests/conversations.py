"""Conversations of a few turns in each language, for the tests that simulate many users."""

CONVERSATIONS = {
    "fr": [
        "Bonjour, qu'est-ce que le LISKO exactement ?",
        "Comment trouver un logement au Luxembourg ?",
        "Que sont les ateliers d'intégration ?",
        "Je veux parler à une personne",
        "Qu'est-ce que l'ONA ?",
        "Merci beaucoup",
    ],
    "en": [
        "Hello, what is LISKO exactly?",
        "How do I find a flat in Luxembourg?",
        "What are the integration workshops?",
        "I want to talk to a person",
        "What is the ONA?",
        "Thank you very much",
    ],
    "ar": [
        "السلام عليكم، ما هو LISKO؟",
        "كيف أجد سكنا في لوكسمبورغ؟",
        "ما هي ورشات الاندماج؟",
        "أريد التحدث مع شخص",
        "ما هو ONA؟",
        "شكرا جزيلا",
    ],
}
# The landlord guarantee questions, answered to the end.
GUARANTEE_FORM = [
    "J'ai trouvé un appartement, est-ce que la garantie peut m'aider ?",
    '/inform{"protection_status": "refugee"}',
    "/affirm",
    "1.200 €",
    "3 000 euros",
    "/affirm",
]
