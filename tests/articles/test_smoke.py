def test_settings_loaded(settings):
    assert settings.TESTING
