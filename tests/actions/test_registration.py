from rasa_sdk.executor import ActionExecutor

from tests.test_domain import DOMAIN


def test_the_action_server_serves_exactly_the_custom_actions_of_the_domain():
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == set(DOMAIN["actions"])
