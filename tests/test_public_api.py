import sitrep


def test_public_surface_is_pinned():
    assert sorted(sitrep.__all__) == sorted([
        "Article", "ConfigError", "Extraction", "Figure", "FigureFilter", "InputError", "Quote", "Segment",
        "Settings", "SitrepError", "Store", "StoreError", "__version__", "clean_article", "clean_text",
        "evaluate_gold", "extract_paths", "ingest_paths", "process", "process_many", "sample_corpus",
    ])  # fmt: skip
    for name in sitrep.__all__:
        assert getattr(sitrep, name) is not None


def test_records_round_trip():
    fig = sitrep.Figure(value=5, text="5", indicator="deported", sentence="s", start=1, end=2)
    assert sitrep.Figure.from_dict(fig.as_dict()) == fig
    art = sitrep.Article(id="x", text="t", segments=(sitrep.Segment(0, 1, "main"),))
    assert sitrep.Article.from_dict(art.as_dict()) == art


def test_settings_validate():
    import pytest

    with pytest.raises(sitrep.ConfigError):
        sitrep.Settings(max_bytes=0)
    with pytest.raises(sitrep.ConfigError, match="YYYY-MM-DD"):
        sitrep.Settings(published="18/04/2025")
