"""Conversations of a few turns in each language, for the benchmark and the tests that simulate many users."""

# Questions answered from the sources, a hand-over and thanks.
FAQ_CONVERSATIONS = {
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

# The landlord guarantee form, answered to the end: the status by button, the rent typed (the shipped
# policy asks nothing else: bot/rules/data/guarantee_policy.yml).
GUARANTEE_FORMS = {
    "fr": [
        "J'ai trouvé un appartement, est-ce que la garantie peut m'aider ?",
        '/inform{"protection_status": "refugee"}',
        "1.200 €",
    ],
    "en": [
        "I found a flat, can the guarantee help me?",
        '/inform{"protection_status": "refugee"}',
        "€1,200",
    ],
    "ar": [
        "وجدت شقة، هل يمكن أن يساعدني الضمان؟",
        '/inform{"protection_status": "refugee"}',
        "١٢٠٠ يورو",
    ],
}

# Each script with the language its user writes in.
SCRIPTS: list[tuple[str, list[str]]] = [
    (language, script)
    for language in FAQ_CONVERSATIONS
    for script in (FAQ_CONVERSATIONS[language], GUARANTEE_FORMS[language])
]
