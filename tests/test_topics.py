"""Spheres and event types per taxonomy.md, with variants and words in passing."""

from db.extract.text import split_sentences
from db.extract.topics import find_event_types, find_spheres


def spheres(text: str, lang: str = "en") -> list[str]:
    return find_spheres(split_sentences(text), lang)[0]


def types(title: str, text: str, lang: str = "en") -> tuple[list[str], str | None]:
    t, p, _ = find_event_types(title, split_sentences(text), lang)
    return t, p


def test_discussed_spheres_count_in_both_languages():
    en = "The ministers discussed cooperation in the trade-economic, cultural and humanitarian spheres."
    ru = "Министры обсудили сотрудничество в торгово-экономической и культурно-гуманитарной сферах."
    assert spheres(en) == ["trade-economic", "cultural-humanitarian"]
    assert spheres(ru, "ru") == ["trade-economic", "cultural-humanitarian"]


def test_partner_swap_keeps_spheres():
    for partner in ("China", "Turkey", "Iran", "Uzbekistan"):
        s = f"Turkmenistan and {partner} discussed cooperation in energy, transport and security."
        assert spheres(s) == ["security", "energy", "transport-transit"]


def test_word_in_passing_does_not_count():
    assert spheres("The Minister of Economy and Finance of Turkmenistan met the ambassador.") == []
    text = "Gurbanguly Berdimuhamedov, Chairman of the Halk Maslahaty, welcomed his guest."
    assert "inter-parliamentary" not in spheres(text)


def test_background_does_not_count():
    assert spheres("Trade turnover reached 1.2 billion dollars in 2021.") == []
    assert "multilateral" not in spheres(
        "The idea goes back to 2022, when it was agreed at the CIS forum."
    )


def test_invitation_counts_for_the_body():
    s = spheres(
        "The speaker received an invitation to the Inter-Parliamentary Assembly of the CIS."
    )
    assert "inter-parliamentary" in s and "multilateral" in s


def test_visit_needs_a_named_visit():
    t, _ = types(
        "", "Within the framework of the visit of the delegation, consultations were held."
    )
    assert "visit" not in t and "consultations" in t
    t, p = types("Minister pays official visit to Ashgabat", "The minister met the president.")
    assert p == "visit" and "meeting" in t
    t, _ = types("", "Министр прибыл в Ашхабад с официальным визитом.", "ru")
    assert "visit" in t


def test_declaration_needs_an_issued_document():
    t, _ = types("", "The two leaders then made statements to the press.")
    assert "declaration" not in t
    t, p = types(
        "Presidents sign declaration on strategic partnership",
        "The presidents signed a declaration.",
    )
    assert p == "declaration" and "agreement" not in t
    t, _ = types("", "The presidents signed a joint declaration and eight agreements.")
    assert {"declaration", "agreement"} <= set(t)


def test_agreement_covers_adopted_programmes():
    t, _ = types("", "The commission adopted a programme of economic cooperation for 2024-2026.")
    assert "agreement" in t
    t, _ = types("", "Стороны подписали меморандум о сотрудничестве в области образования.", "ru")
    assert "agreement" in t


def test_future_events_are_not_this_articles():
    t, _ = types(
        "",
        "The president will visit Beijing next month. The ministers discussed trade by telephone.",
    )
    assert "visit" not in t and "phone-call" in t
    t, _ = types("", "Министры обсудили подготовку к предстоящему саммиту по телефону.", "ru")
    assert "summit" not in t


def test_primary_from_title_then_lead():
    _, p = types("Lavrov and Meredov discuss bilateral agenda by telephone", "They talked.")
    assert p == "phone-call"
    _, p = types(
        "Issues of partnership discussed",
        "On May 4, 2023, a meeting was held between the ministers.",
    )
    assert p == "meeting"
    _, p = types(
        "Лавров и Мередов обсудили повестку", "Лавров провёл в Москве переговоры с Мередовым.", "ru"
    )
    assert p == "negotiations"


def test_a_round_of_a_standing_dialogue_is_consultations():
    """ "held the annual Human Rights Dialogue" is a round of consultations; "political
    dialogue" praised after talks is a sphere word, not an event."""
    for text, lang in [
        ("The EU and Turkmenistan held their annual Human Rights Dialogue in Brussels.", "en"),
        ("The 12th round of the EU-Turkmenistan Human Rights Dialogue took place on 3 June.", "en"),
        ("В Ашхабаде состоялся очередной раунд политического диалога между МИД двух стран.", "ru"),
    ]:
        assert "consultations" in find_event_types(text, (text,), lang, None, None)[0], text
    text = "The presidents held talks and praised the political dialogue between the two states."
    assert find_event_types(text, (text,), "en", None, None)[0] == ["negotiations"]


def test_an_invitation_to_visit_is_no_visit_to_the_end_of_its_clause():
    for text, lang in [
        ("President Lee invited Serdar Berdimuhamedov to visit Seoul on a state visit.", "en"),
        ("Ли Чжэ Мён пригласил туркменского лидера посетить Сеул с государственным визитом.", "ru"),
    ]:
        assert "visit" not in find_event_types(text, (text,), lang, None, None)[0], text
    text = "Президент прибыл в Сеул с государственным визитом по приглашению Ли Чжэ Мёна."
    assert find_event_types(text, (text,), "ru", None, None)[0] == ["visit"]


def dated_types(text: str, event_date: str, lang: str = "en") -> list[str]:
    return find_event_types("", split_sentences(text), lang, event_date)[0]


def test_meet_as_satisfy_is_no_meeting():
    text = (
        "The ministers agreed that peace in Afghanistan would meet the interests of all neighbours."
    )
    assert "meeting" not in types("", text)[0]
    assert "meeting" not in types("", "The new line meets European standards, the sides noted.")[0]
    assert "meeting" in types("", "The ministers met in Ashgabat on Monday.")[0]


def test_received_by_an_official_in_the_passive_is_a_meeting_in_russian():
    text = "Министр во вторник был принят в Ашхабаде Президентом Туркменистана."
    assert "meeting" in types("", text, "ru")[0]
    assert "meeting" in types("", "Посол была принята вице-премьером Туркменистана.", "ru")[0]
    adopted = "По итогам был принят закон о ратификации соглашения."
    assert "meeting" not in types("", adopted, "ru")[0]


def test_a_session_of_a_joint_commission_is_a_meeting():
    en = "The 8th session of the Turkmen-Azerbaijani Intergovernmental Commission was held in Baku."
    ru = "В Баку состоялось восьмое заседание Совместной межправительственной комиссии."
    assert types("", en) == (["meeting"], "meeting")
    assert types("", ru, "ru") == (["meeting"], "meeting")


def test_a_courtesy_call_on_a_leader_is_a_meeting_a_call_to_act_is_not():
    assert types("Meredov calls on Prime Minister Sharif", "")[1] == "meeting"
    assert "meeting" not in types("", "The EU called on the sides to show restraint.")[0]


def test_an_invitation_to_pay_a_visit_is_no_visit():
    en = "At the end, Sharif invited President Serdar Berdimuhamedov to pay a visit to Pakistan."
    ru = "Он пригласил Президента Туркменистана нанести визит в Пакистан в удобное время."
    assert "visit" not in types("", en)[0]
    assert "visit" not in types("", ru, "ru")[0]
    assert "visit" in types("", "The President paid a state visit to Pakistan.")[0]


def test_what_a_document_provides_for_is_no_event():
    en = "The programme provides for regular political consultations between the ministries."
    ru = "Программа предусматривает регулярные политические консультации между министерствами."
    assert "consultations" not in types("", en)[0]
    assert "consultations" not in types("", ru, "ru")[0]
    held = "Political consultations between the ministries were held in Ashgabat."
    assert "consultations" in types("", held)[0]


def test_cooperation_within_a_standing_format_is_no_summit():
    text = (
        "Президенты обсудили взаимодействие в ООН и в формате Консультативных встреч глав "
        "государств Центральной Азии."
    )
    assert "summit" not in types("", text, "ru")[0]
    held = "В Астане состоялась Консультативная встреча глав государств Центральной Азии."
    assert "summit" in types("", held, "ru")[0]


def test_an_event_held_in_another_month_is_background():
    text = (
        "The sides reviewed how the understandings reached at the first summit of this "
        "format, held in Berlin in September 2023, are being put into practice."
    )
    assert "summit" not in dated_types(text, "2024-04-09")
    assert "summit" in dated_types(text, "2023-09-29")  # the summit's own month
    ru = (
        "Стороны напомнили о договорённостях саммита, состоявшегося в Берлине в сентябре 2023 года."
    )
    assert "summit" not in dated_types(ru, "2024-04-09", "ru")
    # a month that dates something else, not an event, keeps the sentence's types
    trip = "The official visit was the President's first trip abroad since he took office in March 2021."
    assert "visit" in dated_types(trip, "2022-06-10")


def test_the_council_of_heads_of_government_is_a_summit():
    text = (
        "The minister is in Islamabad to take part in the meeting of the Council of Heads of "
        "Government of the Shanghai Cooperation Organisation."
    )
    assert "summit" in types("", text)[0]
    assert "summit" in types("Talks on the sidelines of the SCO meeting in Islamabad", "")[0]


def test_an_office_or_an_organisation_named_for_the_economy_is_no_sphere():
    passing = "Dar, who has headed the country's finance ministry, thanked the Turkmen minister."
    assert "trade-economic" not in spheres(passing)
    org = (
        "The ministers agreed to coordinate positions within the Economic Cooperation Organization."
    )
    assert "trade-economic" not in spheres(org)
    assert "multilateral" in spheres(org)
    assert "trade-economic" in spheres("The ministers discussed economic cooperation.")


def test_meetings_held_count_meetings_in_general_do_not():
    held = "The minister also held separate meetings with the acting ministers of mines and trade."
    assert "meeting" in types("", held)[0]
    general = (
        "The speakers agreed that frequent contacts and meetings are valuable for the dialogue."
    )
    assert "meeting" not in types("", general)[0]


def test_future_planned_and_recalled_events_are_background_in_russian():
    future = (
        "Президенты обменялись мнениями о подготовке к Консультативной встрече глав "
        "государств Центральной Азии, которая пройдёт осенью в Ташкенте."
    )
    assert "summit" not in types("", future, "ru")[0]
    planned = "Во дворце «Огузхан» запланированы переговоры президентов в узком составе."
    assert "negotiations" not in types("", planned, "ru")[0]
    recalled = (
        "Министры отметили значение контактов, напомнив о переговорах президентов в Ашхабаде."
    )
    assert "negotiations" not in types("", recalled, "ru")[0]
    held = "В Ашхабаде состоялись переговоры президентов в узком составе."
    assert "negotiations" in types("", held, "ru")[0]


def test_a_call_earlier_in_the_month_is_background():
    text = (
        "The minister underlined the significance of the telephone conversation the Emir "
        "had with the National Leader at the beginning of the month."
    )
    assert "phone-call" not in types("", text)[0]


def test_a_greeting_at_the_airport_is_no_meeting():
    text = "После церемонии встречи у трапа самолёта кортеж гостя направился в город."
    assert "meeting" not in types("", text, "ru")[0]
    airport = "В аэропорту гостя встретил министр иностранных дел Туркменистана."
    assert "meeting" not in types("", airport, "ru")[0]


def test_an_assembly_in_session_is_a_summit_and_on_its_sidelines_the_meeting_leads():
    text = (
        "6 апреля 2025 года в Ташкенте на полях 150-й Ассамблеи Межпарламентского союза "
        "состоялась встреча председателей палат парламентов."
    )
    found, primary = types("", text, "ru")
    assert set(found) == {"meeting", "summit"}
    assert primary == "meeting"
    en = "On the sidelines of the session of the UN General Assembly, the ministers met."
    found, primary = types("", en)
    assert set(found) == {"meeting", "summit"} and primary == "meeting"


def test_agreed_to_hold_and_cooperation_in_formats_are_no_events():
    agreed = "Условлено провести на полях форума двустороннюю встречу."
    assert types("", agreed, "ru")[0] == []
    formats = (
        "Стороны обменялись мнениями о сотрудничестве в рамках ООН, СНГ и формата "
        "Консультативных встреч глав государств Центральной Азии."
    )
    assert "summit" not in types("", formats, "ru")[0]
    multilateral = "Затронута тематика взаимодействия в многосторонних форматах."
    assert "summit" not in types("", multilateral, "ru")[0]
    assert "summit" not in types("", "The sides proposed to hold a forum in Ashgabat.")[0]


def test_a_trilateral_meeting_is_a_summit():
    text = "The foreign ministers met in Ashgabat on Monday for a trilateral meeting on energy."
    assert {"meeting", "summit"} <= set(types("", text)[0])
    ru = "В Ашхабаде состоялась трёхсторонняя встреча министров иностранных дел."
    assert "summit" in types("", ru, "ru")[0]


def test_hospitality_and_who_reported_it_are_no_spheres():
    text = "The minister thanked the hosts for the hospitality extended to the delegation."
    assert "health" not in spheres(text)
    ru = (
        "Президент принял министра и обсудил торговлю, сообщает Trend со ссылкой на "
        "государственные СМИ Туркменистана."
    )
    assert spheres(ru, "ru") == ["trade-economic"]
    en = "The presidents discussed trade, according to state media."
    assert spheres(en) == ["trade-economic"]
    assert "health" in spheres("The sides discussed building a hospital in Mary.")
