"""Importers: labelling-tool exports and corpus files (small hand-made fixtures) -> label table."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from moderation.errors import InputError
from moderation.labels.importers import (
    IMPORTERS,
    import_labels,
    pseudo_thread,
    unescape_impermium,
)
from moderation.labels.schema import LABEL_COLUMNS


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def write_json(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def rows(table, *columns):
    return table[list(columns)].values.tolist()


def check_table(table):
    # Corpora that publish raters' votes add the soft-label column after the standard ones.
    assert list(table.columns) in (LABEL_COLUMNS, LABEL_COLUMNS + ["uncivil_share"])
    assert all(pd.api.types.is_string_dtype(table[c]) for c in table.columns)
    assert not table.isna().any().any()


# ---------------------------------------------------------------------------------- dispatch


def test_registry_lists_every_format():
    assert set(IMPORTERS) == {"label-studio", "prodigy", "doccano", "argilla", "semeval2016", "vast", "c3",
                              "davidson", "olid", "impermium"}


def test_unknown_format_names_the_choices(tmp_path):
    path = write(tmp_path / "x.json", "[]")
    with pytest.raises(InputError, match="unknown import format 'brat'") as err:
        import_labels(path, "brat")
    assert "label-studio" in str(err.value) and "impermium" in str(err.value)


def test_unknown_option_names_the_accepted_ones(tmp_path):
    path = write(tmp_path / "c3.csv", "article_id,comment_counter,comment_text,crowd_toxicity_level\n")
    with pytest.raises(InputError, match="no option toxicity") as err:
        import_labels(path, "c3", toxicity=3)
    assert "toxicity_threshold" in str(err.value)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_labels(tmp_path / "nope.jsonl", "prodigy")
    with pytest.raises(InputError, match="no such file"):
        import_labels(tmp_path / "nope.tsv", "olid")


# ------------------------------------------------------------------------------ label studio

LS_TASKS = [
    {
        "id": 41,
        "data": {"text": "Bus lanes first, then we talk about parking.", "id": "t09-3", "thread_id": "t09-bus",
                 "target": "The town should add bus lanes"},
        "annotations": [
            {"id": 1, "completed_by": 7, "was_cancelled": False,
             "result": [
                 {"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["Favor"]}},
                 {"from_name": "civility", "to_name": "text", "type": "choices", "value": {"choices": ["Civil"]}},
             ]},
            {"id": 2, "completed_by": {"id": 9, "email": "ben@example.org"},
             "result": [
                 {"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["Neutral"]}},
             ]},
            {"id": 3, "completed_by": 11, "was_cancelled": True,
             "result": [
                 {"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["Against"]}},
             ]},
        ],
        "predictions": [
            {"result": [{"from_name": "stance", "type": "choices", "value": {"choices": ["Against"]}}]},
        ],
    },
    {
        "id": 42,
        "data": {"text": "Whoever planned this should be fired, moron."},
        "annotations": [
            {"id": 4, "completed_by": 7,
             "result": [
                 {"from_name": "civility", "to_name": "text", "type": "choices", "value": {"choices": ["TOXIC"]}},
             ]},
        ],
    },
]


def test_label_studio_full_json(tmp_path):
    table = import_labels(write_json(tmp_path / "export.json", LS_TASKS), "label-studio")
    check_table(table)
    assert rows(table, "id", "annotator", "stance", "civility") == [
        ["t09-3", "7", "favor", "civil"],
        ["t09-3", "ben@example.org", "neutral", ""],
        ["labelstudio-42", "7", "", "uncivil"],
    ]
    assert set(table.loc[table.id == "t09-3", "thread_id"]) == {"t09-bus"}
    assert table.loc[0, "target"] == "The town should add bus lanes"
    assert table.loc[2, "thread_id"].startswith("labelstudio-g")


def test_label_studio_other_question_names_and_annotator_names(tmp_path):
    tasks = json.loads(json.dumps(LS_TASKS).replace('"stance"', '"position"'))
    table = label_studio_import(tmp_path, tasks, stance_name="position", annotators={"7": "alice"})
    assert rows(table, "annotator", "stance")[:2] == [["alice", "favor"], ["ben@example.org", "neutral"]]


def label_studio_import(tmp_path, tasks, **options):
    return import_labels(write_json(tmp_path / "export.json", tasks), "label-studio", **options)


def test_label_studio_unknown_label_names_file_record_label_and_fix(tmp_path):
    tasks = json.loads(json.dumps(LS_TASKS).replace('"Neutral"', '"Meh"'))
    path = write_json(tmp_path / "export.json", tasks)
    with pytest.raises(InputError) as err:
        import_labels(path, "label-studio")
    message = str(err.value)
    assert str(path) in message and "record 1" in message and "'Meh'" in message and "label_map" in message
    table = import_labels(path, "label-studio", label_map={"meh": "neutral"})
    assert table.loc[1, "stance"] == "neutral"


def test_label_studio_wrong_question_name_says_what_to_check(tmp_path):
    with pytest.raises(InputError, match="no labelled comments.*stance_name='opinion'"):
        label_studio_import(tmp_path, LS_TASKS, stance_name="opinion", civility_name="tone")


def test_label_studio_two_choices_for_one_question_is_an_error(tmp_path):
    tasks = json.loads(json.dumps(LS_TASKS).replace('["Favor"]', '["Favor", "Against"]'))
    with pytest.raises(InputError, match="record 1: has 2 stance choices"):
        label_studio_import(tmp_path, tasks)


def test_label_studio_json_min(tmp_path):
    records = [
        {"text": "Fine by me.", "id": 5, "stance": "Pro", "civility": "civil", "annotator": "ann@example.org",
         "annotation_id": 10},
        {"text": "Fine by me.", "id": 5, "stance": {"choices": ["Con"]}, "annotator": "bo@example.org",
         "annotation_id": 11},
        {"text": "No answer here.", "id": 6, "annotator": "ann@example.org", "annotation_id": 12},
    ]
    table = import_labels(write_json(tmp_path / "min.json", records), "label-studio")
    check_table(table)
    assert rows(table, "id", "annotator", "stance", "civility") == [
        ["labelstudio-5", "ann@example.org", "favor", "civil"],
        ["labelstudio-5", "bo@example.org", "against", ""],
    ]
    assert table.thread_id[0] == table.thread_id[1]  # same text, same pseudo-thread


def test_label_studio_csv_with_own_id_field(tmp_path):
    text = (
        "comment_id,text,id,stance,civility,annotator,annotation_id\n"
        'c-1,"Long comment, with a comma",3,Against,Uncivil,ann@example.org,8\n'
        'c-2,"Another one",4,"{""choices"": [""Neither""]}",,ann@example.org,9\n'
    )
    table = import_labels(write(tmp_path / "export.csv", text), "label-studio", id_field="comment_id")
    assert rows(table, "id", "text", "stance", "civility") == [
        ["c-1", "Long comment, with a comma", "against", "uncivil"],
        ["c-2", "Another one", "neutral", ""],
    ]


def test_label_studio_missing_text_field_suggests_option(tmp_path):
    tasks = [{"id": 1, "data": {"comment": "hi"}, "annotations": []}]
    with pytest.raises(InputError, match="no field 'text'.*text_field"):
        label_studio_import(tmp_path, tasks)
    with pytest.raises(InputError, match="no labelled comments"):
        label_studio_import(tmp_path, tasks, text_field="comment")


# ----------------------------------------------------------------------------------- prodigy

PRODIGY = [
    # choice interface, one stance option accepted
    {"text": "Raise the fares, the ferry needs it.", "meta": {"id": "h-1"},
     "options": [{"id": "FAVOR", "text": "Favor"}, {"id": "AGAINST", "text": "Against"},
                 {"id": "NEUTRAL", "text": "Neutral"}],
     "accept": ["FAVOR"], "answer": "accept", "_input_hash": 11, "_annotator_id": "ferry-ann",
     "_session_id": "ferry-ann"},
    # binary civility answer on the same text by the same annotator: merged into one row
    {"text": "Raise the fares, the ferry needs it.", "meta": {"id": "h-1"}, "label": "UNCIVIL",
     "answer": "reject", "_input_hash": 11, "_annotator_id": "ferry-ann"},
    # another annotator, binary accept
    {"text": "Raise the fares, the ferry needs it.", "meta": {"id": "h-1"}, "label": "UNCIVIL",
     "answer": "accept", "_input_hash": 11, "_annotator_id": "ferry-bo"},
    # ignored and rejected choice tasks carry nothing
    {"text": "skip me", "options": [{"id": "FAVOR"}], "accept": ["FAVOR"], "answer": "ignore",
     "_input_hash": 12, "_annotator_id": "ferry-ann"},
    {"text": "reject me", "options": [{"id": "FAVOR"}], "accept": ["FAVOR"], "answer": "reject",
     "_input_hash": 13, "_annotator_id": "ferry-ann"},
    # rejecting a stance class says nothing about the stance
    {"text": "Who pays for the dock?", "label": "favor", "answer": "reject", "_input_hash": 14,
     "_session_id": "ferry-bo"},
    # integer option ids resolved through their text
    {"text": "Numbers as option ids.", "options": [{"id": 0, "text": "Oppose"}, {"id": 1, "text": "Support"}],
     "accept": [1], "answer": "accept", "_input_hash": 15},
]


def test_prodigy_choice_and_binary_answers(tmp_path):
    table = import_labels(write_jsonl(tmp_path / "db.jsonl", PRODIGY), "prodigy", annotator="solo")
    check_table(table)
    assert rows(table, "id", "annotator", "stance", "civility") == [
        ["h-1", "ferry-ann", "favor", "civil"],
        ["h-1", "ferry-bo", "", "uncivil"],
        ["prodigy-15", "solo", "favor", ""],
    ]


def test_prodigy_conflicting_answers(tmp_path):
    records = [
        {"text": "x", "label": "UNCIVIL", "answer": "accept", "_input_hash": 1, "_annotator_id": "a"},
        {"text": "x", "label": "UNCIVIL", "answer": "reject", "_input_hash": 1, "_annotator_id": "a"},
    ]
    path = write_jsonl(tmp_path / "db.jsonl", records)
    with pytest.raises(InputError, match=r"line 2.*both 'uncivil' and 'civil'.*on_conflict"):
        import_labels(path, "prodigy")
    assert import_labels(path, "prodigy", on_conflict="last").civility.tolist() == ["civil"]


def test_prodigy_bad_json_line_is_reported(tmp_path):
    path = write(tmp_path / "db.jsonl", '{"text": "ok", "label": "toxic"}\n{"text": \n')
    with pytest.raises(InputError, match="line 2"):
        import_labels(path, "prodigy")


def test_prodigy_unknown_label_with_line(tmp_path):
    path = write_jsonl(tmp_path / "db.jsonl", [{"text": "ok", "label": "SPAM", "answer": "accept"}])
    with pytest.raises(InputError, match=r"db.jsonl, line 1: unknown label 'SPAM'"):
        import_labels(path, "prodigy")


# ----------------------------------------------------------------------------------- doccano


def test_doccano_per_user_jsonl(tmp_path):
    records = [
        {"id": 1, "text": "Good call by the council.", "label": ["Support", "civil"], "thread_id": "t3"},
        {"id": 2, "text": "Nobody asked you, clown.", "label": ["insult"]},
        {"id": 3, "text": "Not labelled yet.", "label": []},
    ]
    table = import_labels(write_jsonl(tmp_path / "alice.jsonl", records), "doccano")
    check_table(table)
    assert rows(table, "id", "thread_id", "stance", "civility", "annotator") == [
        ["doccano-1", "t3", "favor", "civil", "alice"],
        ["doccano-2", pseudo_thread("doccano", "Nobody asked you, clown."), "", "uncivil", "alice"],
    ]


def test_doccano_cats_and_csv(tmp_path):
    jsonl = write_jsonl(tmp_path / "all.jsonl", [{"id": 4, "text": "hmm", "cats": ["Neither"]}])
    assert import_labels(jsonl, "doccano", annotator="team").stance.tolist() == ["neutral"]
    csv_text = "id,text,label\n5,\"Oppose it, firmly\",against#Civil\n6,plain,\n"
    table = import_labels(write(tmp_path / "bob.csv", csv_text), "doccano")
    assert rows(table, "id", "text", "stance", "civility", "annotator") == [
        ["doccano-5", "Oppose it, firmly", "against", "civil", "bob"]]


def test_doccano_merged_collaborative_labels_are_refused(tmp_path):
    path = write_jsonl(tmp_path / "all.jsonl", [{"id": 1, "text": "x", "label": ["favor", "against"]}])
    with pytest.raises(InputError, match="two stance labels.*one file per annotator"):
        import_labels(path, "doccano")


# ----------------------------------------------------------------------------------- argilla


def test_argilla_v2_nested_and_flat(tmp_path):
    records = [
        {"id": "c-1", "fields": {"text": "Keep the library open late."},
         "responses": {"stance": [{"value": "favor", "user_id": "u-a"}, {"value": "neutral", "user_id": "u-b"}],
                       "civility": [{"value": "civil", "user_id": "u-a"},
                                    {"value": "uncivil", "user_id": "u-b", "status": "discarded"}]},
         "suggestions": {"stance": {"value": "against", "score": 0.9, "agent": "model"}},
         "metadata": {"thread_id": "t-lib"}},
        {"id": "c-2", "text": "Open all night, sure, genius.",
         "stance.responses": ["against"], "stance.responses.users": ["u-a"],
         "stance.responses.status": ["submitted"],
         "civility.responses": ["Uncivil"], "civility.responses.users": ["u-a"]},
    ]
    table = import_labels(write_json(tmp_path / "records.json", records), "argilla", annotators={"u-a": "ann"})
    check_table(table)
    assert rows(table, "id", "annotator", "stance", "civility") == [
        ["c-1", "ann", "favor", "civil"],
        ["c-1", "u-b", "neutral", ""],
        ["c-2", "ann", "against", "uncivil"],
    ]
    assert table.thread_id[0] == "t-lib"


def test_argilla_v1_shapes(tmp_path):
    records = [
        {"fields": {"text": "one"}, "external_id": "e1",
         "responses": [{"user_id": "u1", "status": "submitted",
                        "values": {"stance": {"value": "pro"}, "civility": {"value": "civil"}}},
                       {"user_id": "u2", "status": "draft", "values": {"stance": {"value": "con"}}}]},
        {"text": "two", "id": "e2", "position": [{"user_id": "u1", "value": "con", "status": "submitted"}]},
        {"inputs": {"text": "three"}, "id": 3, "annotation": "Offensive", "annotation_agent": "rater"},
    ]
    path = write_jsonl(tmp_path / "records.jsonl", records)
    table = import_labels(path, "argilla", stance_name="position")
    assert rows(table, "id", "annotator", "stance", "civility") == [
        ["e1", "u1", "", "civil"],  # stance_name is "position" here, so the v1 record's stance is not read
        ["e2", "u1", "against", ""],
        ["3", "rater", "", "uncivil"],
    ]


# ----------------------------------------------------------------------------- label names


@pytest.mark.parametrize("raw, task, cls", [
    ("FAVOUR", "stance", "favor"), ("Pro", "stance", "favor"), ("in_favor", "stance", "favor"),
    ("Oppose", "stance", "against"), ("CON", "stance", "against"),
    ("neither", "stance", "neutral"), ("None", "stance", "neutral"),
    ("Toxic", "civility", "uncivil"), ("OFFENSIVE", "civility", "uncivil"), ("insult", "civility", "uncivil"),
    ("Not_Toxic", "civility", "civil"), ("non-toxic", "civility", "civil"), ("Civil", "civility", "civil"),
])
def test_other_tools_label_names(tmp_path, raw, task, cls):
    path = write_jsonl(tmp_path / "u.jsonl", [{"id": 1, "text": "t", "label": [raw]}])
    table = import_labels(path, "doccano")
    assert table.loc[0, task] == cls


def test_label_map_must_target_our_classes(tmp_path):
    path = write_jsonl(tmp_path / "u.jsonl", [{"id": 1, "text": "t", "label": ["meh"]}])
    with pytest.raises(InputError, match="not one of our classes"):
        import_labels(path, "doccano", label_map={"meh": "lukewarm"})
    assert import_labels(path, "doccano", label_map={"MEH": "Neutral"}).stance.tolist() == ["neutral"]


# ----------------------------------------------------------------------------------- corpora


def test_semeval2016_latin1_unquoted(tmp_path):
    text = ("ID\tTarget\tTweet\tStance\tOpinion towards\tSentiment\n"
            "10\tClimate Change is a Real Concern\tIt's \"hot\" in M\xfcnchen #SemST\tFAVOR\tTARGET\tPOSITIVE\n"
            "11\tAtheism\tPray \"every day\tAGAINST\tOTHER\tPOSITIVE\n"
            "12\tAtheism\tno idea #SemST\tNONE\tOTHER\tNEITHER\n")
    table = import_labels(write(tmp_path / "train.tsv", text, encoding="latin-1"), "semeval2016")
    check_table(table)
    assert rows(table, "id", "thread_id", "stance") == [
        ["semeval-10", "semeval-climate-change-is-a-real-concern", "favor"],
        ["semeval-11", "semeval-atheism", "against"],
        ["semeval-12", "semeval-atheism", "neutral"],
    ]
    assert table.text[0] == 'It\'s "hot" in M\u00fcnchen #SemST'
    assert table.text[1] == 'Pray "every day'
    assert table.target[0] == "Climate Change is a Real Concern"
    assert (table.civility == "").all()


def test_semeval2016_unknown_stance_names_line(tmp_path):
    text = "ID\tTarget\tTweet\tStance\n1\tAtheism\ta\tFAVOR\n2\tAtheism\tb\tMAYBE\n"
    with pytest.raises(InputError, match=r"line 3: unknown Stance value 'MAYBE'"):
        import_labels(write(tmp_path / "s.tsv", text), "semeval2016")


def test_semeval2016_wrong_file_names_missing_columns(tmp_path):
    with pytest.raises(InputError, match="no columns .*Target.*semeval2016"):
        import_labels(write(tmp_path / "s.tsv", "ID\tText\n1\thi\n"), "semeval2016")


VAST_CSV = (
    "ori_id,new_id,text,topic,label,type_idx\n"
    "A1-P,100,\"Same words, posted twice.\",rent control,favor,1\n"
    "A1-P,101,\"Same words, posted twice.\",landlords,against,3\n"
    "A2-P,102,\"Same words, posted twice.\",rent control,neutral,4\n"
    "A3-P,103,A different comment.,tipping,neutral,2\n"
)


def test_vast_ids_threads_and_labels(tmp_path):
    table = import_labels(write(tmp_path / "vast.csv", VAST_CSV), "vast")
    check_table(table)
    assert rows(table, "id", "thread_id", "target", "stance") == [
        ["vast-100", "vast-A1-P", "rent control", "favor"],
        ["vast-101", "vast-A1-P", "landlords", "against"],
        ["vast-102", "vast-A1-P", "rent control", "neutral"],  # same text under A2-P joins A1-P's thread
        ["vast-103", "vast-A3-P", "tipping", "neutral"],
    ]
    without = import_labels(tmp_path / "vast.csv", "vast", include_synthetic=False)
    assert without.id.tolist() == ["vast-100", "vast-101", "vast-103"]


def test_vast_numeric_labels_post_column_and_articles(tmp_path):
    text = ("author,post,ori_id,new_id,text,topic_str,topic,label,type_idx,arc_id\n"
            "x,Raw comment one.,A1-P,1,\"[['raw','comment']]\",school uniforms,\"['school']\",1,1,art9\n"
            "y,Raw comment two.,A2-P,2,\"[['raw']]\",homework,\"['homework']\",0,1,art9\n"
            "z,Raw comment three.,A3-P,3,\"[['raw']]\",homework,\"['homework']\",2,4,art7\n")
    table = import_labels(write(tmp_path / "vast_train.csv", text), "vast")
    assert rows(table, "text", "target", "stance", "thread_id") == [
        ["Raw comment one.", "school uniforms", "favor", "vast-art9"],
        ["Raw comment two.", "homework", "against", "vast-art9"],
        ["Raw comment three.", "homework", "neutral", "vast-art7"],
    ]


def test_c3_threshold(tmp_path):
    text = ("article_id,comment_counter,comment_text,crowd_toxicity_level,constructive\n"
            "900,source1_900_1,Thoughtful point.,1.0,1\n"
            "900,source1_900_2,\"Meh, weak, but fine.\",1.8,0\n"
            "901,source1_901_1,You absolute fool.,2.0,0\n")
    path = write(tmp_path / "c3.csv", text)
    table = import_labels(path, "c3")
    check_table(table)
    assert rows(table, "id", "thread_id", "civility") == [
        ["c3-source1_900_1", "c3-900", "civil"],
        ["c3-source1_900_2", "c3-900", "civil"],
        ["c3-source1_901_1", "c3-901", "uncivil"],
    ]
    assert import_labels(path, "c3", toxicity_threshold=1.5).civility.tolist() == ["civil", "uncivil", "uncivil"]
    # The mean level is kept as a soft label: 1 -> 0, the threshold -> 0.5, past twice its distance -> 1.
    assert table["uncivil_share"].tolist() == ["0", "0.4", "0.5"]
    assert import_labels(path, "c3", toxicity_threshold=1.5)["uncivil_share"].tolist() == ["0", "0.8", "1"]
    with pytest.raises(ValueError, match="above 1"):
        import_labels(path, "c3", toxicity_threshold=1.0)


def test_davidson_classes_and_entities(tmp_path):
    text = (",count,hate_speech,offensive_language,neither,class,tweet\n"
            "0,3,0,0,3,2,coffee &amp; cake\n"
            "1,3,0,3,0,1,you are a total clown\n"
            "5,3,2,1,0,0,\"they should all leave, vermin\"\n")
    table = import_labels(write(tmp_path / "labeled_data.csv", text), "davidson")
    check_table(table)
    assert rows(table, "id", "text", "civility") == [
        ["davidson-0", "coffee & cake", "civil"],
        ["davidson-1", "you are a total clown", "uncivil"],
        ["davidson-5", "they should all leave, vermin", "uncivil"],
    ]
    assert all(t.startswith("davidson-g") for t in table.thread_id)
    assert table["uncivil_share"].tolist() == ["0", "1", "1"]


def test_olid_unquoted_tsv(tmp_path):
    text = ("id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n"
            "11\t@USER you are \"special\" alright\tOFF\tTIN\tIND\n"
            "12\t\"@USER He said \"\"no\"\" &amp; left\"\tNOT\tNULL\tNULL\n")
    table = import_labels(write(tmp_path / "olid.tsv", text), "olid")
    check_table(table)
    assert rows(table, "id", "text", "civility") == [
        ["olid-11", '@USER you are "special" alright', "uncivil"],
        ["olid-12", '@USER He said "no" & left', "civil"],
    ]


def test_impermium_escapes(tmp_path):
    text = ("Insult,Date,Comment\n"
            '1,20120618192155Z,"""you\\\'re a joke\\nreally"""\n'
            '0,,"""caf\\xe9 \\u2019ok\\u2019"""\n'
            '0,,"""A\\\\xc2\\\\xa0B\\\\nC"""\n')
    table = import_labels(write(tmp_path / "train.csv", text), "impermium")
    check_table(table)
    assert rows(table, "id", "text", "civility") == [
        ["impermium-1", "you're a joke\nreally", "uncivil"],
        ["impermium-2", "caf\u00e9 \u2019ok\u2019", "civil"],
        ["impermium-3", "A\u00a0B\nC", "civil"],
    ]


@pytest.mark.parametrize("raw, expected", [
    ('"plain"', "plain"),
    ('"tab\\there"', "tab\there"),
    ('"a \\\\ b"', "a \\ b"),           # an escaped backslash stays one backslash
    ('"\\u00e9t\\u00e9"', "\u00e9t\u00e9"),
    ('"\\\\u00e9"', "\u00e9"),           # escaped twice
    ('"\\xe9\\xa0"', "\u00e9\u00a0"),   # code points that are not a UTF-8 sequence stay
    ('"no closing quote', '"no closing quote'),
])
def test_unescape_impermium(raw, expected):
    assert unescape_impermium(raw) == expected


def test_pseudo_threads_are_stable_and_spread(tmp_path):
    texts = [f"comment number {i}" for i in range(2000)]
    groups = [pseudo_thread("x", t, n_groups=20) for t in texts]
    assert groups == [pseudo_thread("x", t, n_groups=20) for t in texts]
    assert pseudo_thread("x", "  Comment NUMBER 3 ") == pseudo_thread("x", "comment number 3")
    counts = pd.Series(groups).value_counts()
    assert len(counts) == 20 and counts.min() > 50
    assert set(len(g) for g in groups) == {len("x-g00")}
