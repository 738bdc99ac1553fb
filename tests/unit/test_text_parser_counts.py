"""Text parser: one comment per comment (numbers, list items and signature lines inside no split), and
the commenters' names in the byline layouts of blogs.

Invented example pages.
"""

from moderation.parsing.text import _meta_of, parse_text_page

_STORY = "\n\n".join([
    "Winter hours at the town library",
    "The town library will open an hour later on weekdays from December, the board said on Tuesday, "
    "because fewer readers come in before ten and the heating costs have risen again this year.",
    "The reading room stays open until eight on Thursdays, and the children's corner keeps its Saturday "
    "story hour at eleven, as it has for the last twelve years.",
])


def test_plain_numbers_between_comments_are_no_comments():
    comments = [
        ("Nora Vick", "November 3, 2015 at 9:12 AM", "Later opening is fine by me, I never get there before noon."),
        ("Ellis Parr", "November 3, 2015 at 10:40 AM", "Shame about the mornings, it was the quietest time to read."),
        ("Mags", "November 3, 2015 at 1:05 PM", "Thank you for keeping the Saturday story hour!"),
    ]
    parts = [_STORY, "3 comments", "1"]
    for number, (name, date, words) in enumerate(comments, start=1):
        if number > 1:
            parts.append(str(number))
        parts += [f"{name}\n{date}", words, "Reply"]
    parts += ["Leave a Reply", "Your email address will not be published."]
    thread = parse_text_page("\n\n".join(parts))
    assert [c.text for c in thread.comments] == [words for _, _, words in comments]
    assert [c.author for c in thread.comments] == [name for name, _, _ in comments]


def test_a_numbered_list_inside_a_comment_stays_in_it():
    parts = [_STORY, "2 comments",
             "Tom Rudd says:\nNovember 3, 2015 at 9:12 AM",
             "Here is what I would change:",
             "1) Open at nine on Mondays",
             "2) Keep the reading room open later on Fridays",
             "Reply",
             "Ada Finch says:\nNovember 3, 2015 at 9:30 AM",
             "Agree with both of those, especially the Fridays.",
             "Reply",
             "Leave a Reply"]
    thread = parse_text_page("\n\n".join(parts))
    assert len(thread.comments) == 2
    assert thread.comments[0].text.splitlines()[-1] == "2) Keep the reading room open later on Fridays"


def test_via_mobile_under_a_signature_goes_with_it():
    parts = [_STORY, "2 comments",
             "The heating excuse again, every single year they use it.",
             "by snowplough77 on", "Nov 3, 2015 9:12 AM EST", "via mobile", "reply",
             "Ten is still early enough for most people, honestly.",
             "by quietreader on", "Nov 3, 2015 9:40 AM EST", "reply",
             "Leave a Reply"]
    thread = parse_text_page("\n\n".join(parts))
    assert [c.author for c in thread.comments] == ["snowplough77", "quietreader"]
    assert all("via mobile" not in c.text for c in thread.comments)
    assert "via mobile" in thread.comments[0].block


def test_subject_lines_and_profile_links_over_a_forum_comment():
    parts = [_STORY, "3 comments",
             "Mornings are for reading", "(Score:4, Insightful)",
             "by owl_at_noon (48213) * writes:", "on Tuesday November 3, @10:12AM (#112233)", "Homepage",
             "The quiet hour before ten was the best part of the week for me.",
             "-on", "Reply to This",
             "Re:Mornings are for reading", "(Score:2)",
             "by larkrise (77120) writes:", "Journal",
             "You can still read there, it just opens a bit later now.",
             "Reply to This",
             "Leave a Reply"]
    thread = parse_text_page("\n\n".join(parts))
    assert [c.author for c in thread.comments] == ["owl_at_noon", "larkrise"]
    assert thread.comments[1].text == "You can still read there, it just opens a bit later now."
    assert "Homepage" not in thread.comments[0].text and "Homepage" in thread.comments[0].block


def test_scores_between_rating_buttons_are_no_comments():
    parts = [_STORY, "All Comments 2", "rate this", "+8", "rate this",
             "Pip Marlow\n4th November 2015 - 19:58",
             "Ten in the morning suits the staff better too, they deserve a lie-in.",
             "rate this", "-3", "rate this",
             "Gus\n4th November 2015 - 20:10",
             "Nobody asked the people who read the papers there every morning.",
             "Leave a comment"]
    thread = parse_text_page("\n\n".join(parts))
    assert [c.author for c in thread.comments] == ["Pip Marlow", "Gus"]
    assert all(not c.text.startswith(("+", "-")) for c in thread.comments)


def test_a_name_with_an_initial_says():
    parts = [_STORY, "2 Responses",
             "Rosa T. Lindqvist said:",
             "I will miss the early hour, but the Thursday evenings make up for it.",
             "Reply",
             "Dr. Amos Webb said:",
             "The heating costs are real, the old boiler is older than I am.",
             "Reply",
             "Leave a Reply"]
    thread = parse_text_page("\n\n".join(parts))
    assert [c.author for c in thread.comments] == ["Rosa T. Lindqvist", "Dr. Amos Webb"]
    assert thread.comments[1].text == "The heating costs are real, the old boiler is older than I am."


_CANAL_STORY = "\n\n".join([
    "A weekend on the canal boats",
    "We hired a narrowboat for three days in October and took it up eleven locks and back down again, "
    "which is slower than walking and a great deal more fun than it sounds on paper.",
    "The boatyard gave us a short lesson on the tiller and a long lesson on how not to flood the lock, "
    "and after the first morning we had stopped apologising to the swans.",
])


def _page(*parts):
    return "\n\n".join((_CANAL_STORY,) + parts + ("Leave a Reply",))


def test_date_and_bar_over_a_name_sign_the_words_above():
    thread = parse_text_page(_page(
        "Reader Comments (5)",
        "Eleven locks! My arms ache just reading this.", "October 11, 2012 |", "Ines",
        "We did the same trip last spring, the swans are the real lock keepers.",
        "October 11, 2012 |", "The Towpath Walker",
        "Lovely photos of the lock gates.", "October 12, 2012 |", "Bram",
        "How long did the eleven locks take you?", "October 12, 2012 |", "Selma",
        "Next year we are taking the dog along.", "October 13, 2012 |", "Wim"))
    assert [c.author for c in thread.comments] == ["Ines", "The Towpath Walker", "Bram", "Selma", "Wim"]
    assert thread.comments[0].text == "Eleven locks! My arms ache just reading this."


def test_dates_right_under_the_header_head_the_comments():
    thread = parse_text_page(_page(
        "3 Responses to “A weekend on the canal boats”",
        "November 12, 2012", "Alma Reyes",
        "Now I want to hire one too, although I am not sure about the swans.",
        "November 12, 2012", "Piet",
        "Three days seems about right for a first go.",
        "November 13, 2012", "Olu Bankole",
        "Did you moor overnight in the village or out in the fields?"))
    assert [c.author for c in thread.comments] == ["Alma Reyes", "Piet", "Olu Bankole"]
    assert thread.comments[1].text == "Three days seems about right for a first go."


def test_comment_number_glued_to_the_time():
    meta = _meta_of("on 25 Oct 2012 at 7:20 pm2 Tamsin Hale")
    assert meta.author == "Tamsin Hale"
    assert "pm" in meta.date


def test_replied_to_line_names_the_writer():
    meta = _meta_of("Kasper Lind replied to comment from Hedda")
    assert meta.author == "Kasper Lind" and meta.says


def test_name_ending_with_an_initial_over_a_date():
    thread = parse_text_page(_page(
        "2 comments",
        "Marta K.", "November 8, 2012 at 7:53 AM",
        "The lesson on flooding the lock made me laugh out loud.",
        "Reply",
        "Joss", "November 8, 2012 at 8:10 AM",
        "Narrowboats are the best way to slow down for a weekend.",
        "Reply"))
    assert [c.author for c in thread.comments] == ["Marta K.", "Joss"]


def test_a_date_word_inside_a_name():
    thread = parse_text_page(_page(
        "2 comments",
        "Three days is the perfect length, anything longer and you start to hate the tiller.",
        "by Harbour Sun on", "Aug 8, 2012 11:36 AM MST", "reply",
        "My kids still talk about the swans, two years on.",
        "by april-rain on", "Aug 8, 2012 11:40 AM MST", "reply"))
    assert [c.author for c in thread.comments] == ["Harbour Sun", "april-rain"]


def test_day_month_comma_year_dates_sign_comments():
    thread = parse_text_page(_page(
        "3 Comments",
        "Comment by Greta Vos — 17.07, 2011 @ 13:04",
        "Eleven locks in a day is more than we ever managed.",
        "Comment by Ole — 17.07, 2011 @ 13:10",
        "The swans were the best part of our trip too.",
        "Comment by Lisbeth — 18.07, 2011 @ 09:02",
        "Did the boatyard let you take the boat through the tunnel?"))
    assert [c.author for c in thread.comments] == ["Greta Vos", "Ole", "Lisbeth"]
    assert thread.comments[0].published == "2011-07-17T13:04:00"


def test_a_reply_box_under_every_comment_with_its_buttons():
    box = ["Abbrechen", "Senden", "Dein Kommentar wird gespeichert...", "\ue86c",
           "Dein Kommentar wurde erfolgreich gespeichert.", "Kommentar anzeigen",
           "Dein Kommentar konnte nicht gespeichert werden.", "Erneut versuchen"]
    comments = [("kanalratte", "Wir sind die gleiche Strecke im Mai gefahren, sehr schön.", "12.04.2020 17:02"),
                ("Bootsfrau77", "Drei Tage sind genau richtig für den Anfang.", "11.04.2020 22:26"),
                ("Hinnerk", "Die Schleusen sind anstrengender als man denkt, aber es lohnt sich.", "09.04.2020 14:29"),
                ("elbkind", "Schöner Bericht, danke!\nLG elbkind", "08.04.2020 10:00")]
    parts = ["Kommentare", "Kommentar schreiben"] + box + ["Kommentare werden geladen..."]
    for name, words, date in comments:
        parts += [name, "Kommentar löschen", words, date, "Antworten", "Antworten"] + box
    thread = parse_text_page(_page(*parts))
    assert [c.author for c in thread.comments] == [name for name, _, _ in comments]
    assert [c.text for c in thread.comments] == [words for _, words, _ in comments]


def test_forum_names_glued_to_date_and_time_with_ratings_under_the_words():
    assert _meta_of("schleusenwaerter28.09.1913:39").author == "schleusenwaerter"
    assert _meta_of("anna k.19.10.201912:48").author == "anna k."
    thread = parse_text_page(_page(
        "Kommentare",
        "bootsmann728.09.1913:39", "Mit dem Boot durch elf Schleusen, das würde ich auch gern.", "Hilfreich?+1",
        "kanalfee28.09.1913:55", "Wir waren im Mai dort, die Schwäne sind wirklich frech.", "Hilfreich?0",
        "bootsmann728.09.1914:40", "Im Mai ist bestimmt weniger los als im Oktober.", "Hilfreich?+2",
        "Kommentieren", "Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können."))
    assert [c.author for c in thread.comments] == ["bootsmann7", "kanalfee", "bootsmann7"]
    assert thread.comments[1].text == "Wir waren im Mai dort, die Schwäne sind wirklich frech."
    assert thread.comments[0].published == "2019-09-28T13:39:00"


def test_one_reply_under_a_german_header():
    thread = parse_text_page(_page(
        "Eine Antwort auf „Ein Wochenende auf dem Kanal“",
        "Lotte sagt:", "20.12.2022 um 08:42",
        "Die Schleusen sehen toll aus, das steht jetzt auf meiner Liste.",
        "Antworten"))
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Lotte", "Die Schleusen sehen toll aus, das steht jetzt auf meiner Liste.")]


def test_a_signature_under_a_short_first_comment_and_rec_counts():
    thread = parse_text_page(_page(
        "Comments",
        "first?", "by lockkeeper on", "Aug 9, 2012 12:54 PM EDT", "reply",
        "The swans are the real bosses of that canal.", "by swanwatch on", "Aug 9, 2012 12:57 PM EDT", "reply",
        "2 recs", "Three days on a boat sounds like bliss to me.", "by tillerhand on", "Aug 9, 2012 1:03 PM EDT",
        "reply"))
    assert [(c.author, c.text) for c in thread.comments] == [
        ("lockkeeper", "first?"), ("swanwatch", "The swans are the real bosses of that canal."),
        ("tillerhand", "Three days on a boat sounds like bliss to me.")]


def test_an_address_in_angle_brackets_under_the_author_line():
    parts = [_STORY, "3 comments"]
    for name, words in (("owl_at_noon", "Ten is late for people who work shifts."),
                        ("larkrise", "Mornings were never busy anyway."),
                        ("quietreader", "I hope the Thursday evenings stay.")):
        parts += ["Re:Winter hours", "(Score:2)", f"by {name} (4821) writes:", f"<{name} at example dot org>",
                  "on Tuesday November 3, @10:12AM (#112233)", words, "Reply to This"]
    thread = parse_text_page("\n\n".join(parts + ["Leave a Reply"]))
    assert [c.author for c in thread.comments] == ["owl_at_noon", "larkrise", "quietreader"]
    assert thread.comments[1].text == "Mornings were never busy anyway."


def test_a_profile_box_over_each_comment():
    parts = [_STORY, "3 Comments"]
    for badge, handle, motto, fans, words in (
            ("SUPER USER", "owl_at_noon", "Reads before breakfast.", "557 Fans", "Ten is too late for me."),
            ("This user has chosen to opt out of the Badges program", "lark rise", "Unless", "61 Fans",
             "Mornings were never busy anyway, so fine."),
            ("SUPER USER", "quietreader", "Shh.", "12 Fans", "Keep the Thursday evenings, please.")):
        parts += [badge, handle, motto, fans, "2 minutes ago ( 2:24 PM)", words, "Permalink"]
    thread = parse_text_page("\n\n".join(parts + ["Leave a Reply"]))
    assert [(c.author, c.text) for c in thread.comments] == [
        ("owl_at_noon", "Ten is too late for me."), ("lark rise", "Mornings were never busy anyway, so fine."),
        ("quietreader", "Keep the Thursday evenings, please.")]


def test_a_blogger_signs_with_the_blog_name():
    thread = parse_text_page(_page(
        "2 comments",
        "1", "Mira @ Slow Boats and Strong Tea", "November 8, 2012 at 7:53 AM",
        "The swans would have scared me off the boat, honestly.", "Reply",
        "2", "Teo", "November 8, 2012 at 8:10 AM", "Eleven locks is a proper workout.", "Reply"))
    assert [c.author for c in thread.comments] == ["Mira @ Slow Boats and Strong Tea", "Teo"]
    assert len(thread.comments) == 2
