"""The score panel explains itself and the printout is a handout: what the
view says (no browser), then the page and its PDF (browser)."""

from __future__ import annotations

import pytest

import build
import fixtures
import scoring
import view
from interpreters import LEAF_LINES

METHOD = build.load_content()


def texts(language="zh"):
    return view.Texts(METHOD, language)


def shown(workbook, language="zh"):
    result = scoring.score(workbook, METHOD)
    return view.score_view(result, texts(language), {}, workbook)


# ---------------------------------------------------------------- the view, without a browser

@pytest.mark.parametrize("language, expected",
                         [("zh", "准备并披露「性能」"), ("en", "Prepare and disclose “Performance”")])
def test_a_move_for_an_empty_point_says_prepare_and_disclose(language, expected):
    workbook = scoring.blank_workbook(METHOD)
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": True}]
    moves = [move["text"] for move in shown(workbook, language)["moves"]]
    assert any(text.startswith(expected) for text in moves), moves


def test_a_move_for_a_prepared_point_says_disclose():
    workbook = scoring.blank_workbook(METHOD)
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": True}]
    for record in workbook["seller"]["product"]:
        record["status"] = "prepared"
    moves = [move["text"] for move in shown(workbook, "en")["moves"]]
    assert any(text.startswith("Disclose “Performance”") for text in moves), moves
    assert not any(text.startswith("Prepare") and "(Product)" in text for text in moves)


def test_each_move_links_to_the_field_it_is_about():
    workbook = scoring.blank_workbook(METHOD)
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": False}]
    workbook["seller"]["product"][0]["status"] = "disclosed"
    targets = {(move["section"], move["target"]) for move in shown(workbook)["moves"]}
    assert ("client-needs", '#client-needs [data-row="need-1"] [data-field=\'known\']') in targets
    assert ("client-preferences", "#client-preferences-decision_process-known") in targets
    workbook["client"]["needs"][0]["known"] = True
    targets = {(move["section"], move["target"]) for move in shown(workbook)["moves"]}
    assert ("seller-product", "#seller-product-specifications-note") in targets


def planned_workbook():
    workbook = scoring.blank_workbook(METHOD)
    for record in workbook["seller"]["product"][:4]:
        record["stage"] = 1
    workbook["seller"]["product"][0]["status"] = "disclosed"
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": True, "stage": 2}]
    for record in workbook["client"]["preferences"][:3]:
        record["stage"] = 3
    return workbook


@pytest.mark.parametrize("language, expected", [
    ("zh", "现在的 T 是你的计划在第 4 阶段达到的 25%。"),
    ("en", "T is 25% of what your plan reaches at stage 4."),
])
def test_t_is_read_against_what_the_plan_reaches_at_its_last_stage(language, expected):
    workbook = planned_workbook()
    result = scoring.score(workbook, METHOD)
    assert (result["text"]["T"], result["indicators"]["curve"]["stages"][-1]["text"]) == ("1", "4")
    assert view.score_view(result, texts(language), {}, workbook)["plan_reading"] == expected


def test_without_a_plan_the_reading_says_how_to_make_one():
    assert "计划阶段" in shown(scoring.blank_workbook(METHOD))["plan_reading"]


def test_with_nothing_planned_the_handout_says_there_is_no_plan_yet_instead_of_an_empty_stage_plan():
    workbook = scoring.blank_workbook(METHOD)
    for record in workbook["seller"]["product"][:3]:
        record["status"] = "disclosed"
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": True, "stage": None}]
    for language in ("zh", "en"):
        assert view.handout_view(workbook, texts(language), METHOD)["no_plan"] == \
            METHOD["ui"]["plan_reading_empty"][language]
    assert view.handout_view(planned_workbook(), texts(), METHOD)["no_plan"] == ""


def test_the_stage_plan_lists_what_to_disclose_learn_and_share_at_each_stage():
    workbook = planned_workbook()
    workbook["common_ground"] = [{"id": "cg-1", "text": "同一所大学", "narrowness": 2, "stage": 2}]
    plan = view.handout_view(workbook, texts("en"), METHOD)["plan"]
    assert plan[1]["disclose"][0] == "Performance (Product) ✓"
    assert len(plan[1]["disclose"]) == 4 and plan[1]["learn"] == []
    assert plan[2]["learn"] == ["系统老化 (Needs) ✓"]
    assert plan[2]["shared"] == ["同一所大学"]
    assert len(plan[3]["learn"]) == 3 and plan[4] == {"disclose": [], "learn": [], "shared": []}


def test_the_handout_tables_hold_only_points_that_hold_something_with_their_full_note():
    workbook = scoring.blank_workbook(METHOD)
    note = "第一行\n第二行\n第三行\n第四行很长" * 3
    workbook["seller"]["product"][2]["note"] = note
    workbook["seller"]["product"][2]["status"] = "prepared"
    workbook["seller"]["personal"][0].update(status="prepared", level="private", stage=3)
    workbook["people"][0]["told"] = [workbook["seller"]["personal"][0]["id"]]
    workbook["client"]["preferences"][1]["known"] = True
    tables = view.handout_view(workbook, texts("zh"), METHOD)["tables"]
    assert len(tables["seller.product"]) == 1 and tables["seller.product"][0][-1] == note
    assert tables["seller.personal"][0][1:4] == ["已准备 · 已告诉第 1 人", "隐私", "3"]
    assert tables["client.preferences"][0][1] == "✓"
    assert tables["seller.company"] == [] and tables["client.needs"] == [] and tables["common_ground"] == []


# ---------------------------------------------------------------- the newcomer's walkthrough (round 2)

def test_the_handout_says_with_whom_each_item_is_shared_and_lists_the_accounts_next_moves():
    workbook = scoring.normalise(fixtures.worked_example_account(), METHOD)
    workbook["common_ground"].append({"id": "cg-9", "text": "都爱钓鱼", "category": "hobby", "narrowness": 2,
                                      "stage": None, "with": []})
    result = scoring.score(workbook, METHOD)
    tables = view.handout_view(workbook, texts("zh"), METHOD, result)["tables"]
    assert [row[:2] for row in tables["common_ground"]] == [[workbook["common_ground"][0]["text"], "王主任"],
                                                            ["都爱钓鱼", "(无)"]]
    panel = view.score_view(result, texts("zh"), {}, workbook)["moves"]
    moves = view.handout_view(workbook, texts("zh"), METHOD, result)["moves"]
    assert moves == [move["text"] + " " + move["gain"] for move in panel] and len(panel) == 6
    english = view.handout_view(workbook, texts("en"), METHOD, result)
    assert english["moves"][0].startswith("Learn") and english["tables"]["common_ground"][1][1] == "(nobody)"


# ---------------------------------------------------------------- the page, in a browser

import io  # noqa: E402  (browser half of the module)
import json  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

import pypdf  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

import results  # noqa: E402
from fixtures import stored_items  # noqa: E402
from test_view import unplanned  # noqa: E402
from workbook_page import ZH, WorkbookPage  # noqa: E402

WIDTHS = (320, 390, 768, 1024, 1280)
PATHS = {"zh": "", "en": "en/"}


@pytest.fixture
def browser_context_args(browser_context_args):
    """Touch on: the explanations must open with a tap as well as a key."""
    return {**browser_context_args, "has_touch": True}


def note_for(label, number):
    """A note of four lines, as participants write them."""
    return (f"{label}:要点 {number} 的第一行,客户最关心的地方\n第二行:用数字说话,比同类低 {number}%\n"
            f"第三行:谁来讲、什么时候讲\n第四行:准备好的材料 #{number}")


def full_workbook():
    """Every point holds a four-line note and a stage; needs and common
    ground as a well-prepared participant brings them."""
    workbook = scoring.blank_workbook(METHOD, "wb-full", "省税务局 2026")
    workbook["account"] = "省税务局信息中心"
    number = 0
    for side in ("seller", "client"):
        for records in workbook[side].values():
            for record in records:
                number += 1
                record["note"] = note_for(record["id"], number)
                record["stage"] = 1 + number % 4
                if side == "seller":
                    record["status"] = ("prepared", "disclosed")[number % 2]
                else:
                    record["known"] = number % 3 != 0
                if "level" in record:
                    record["level"] = ("public", "semi_public", "private")[number % 3]
    workbook["client"]["needs"] = [
        {"id": f"need-{n}", "text": f"需求 {n}:审批流程太慢,群众投诉多,年底前必须解决", "severity": 1 + n % 3,
         "visibility": "explicit", "known": n % 2 == 0, "stage": 1 + n % 4} for n in range(1, 9)]
    workbook["common_ground"] = [
        {"id": f"cg-{n}", "text": f"共同点 {n}:同一所大学,同系同届", "category": "education",
         "narrowness": 1 + n % 3, "stage": 1 + n % 4, "with": ["p-1"]} for n in range(1, 7)]
    # The first person holds what the one client person of version 1 held;
    # your personal points "disclosed" then are told to them now.
    director = workbook["people"][0]
    director.update(name="王主任", title="信息中心主任", role="decision_maker", influence=3)
    for record in director["personal"]:
        number += 1
        record.update(note=note_for(record["id"], number), stage=1 + number % 4, known=number % 3 != 0,
                      level=("public", "semi_public", "private")[number % 3])
    for record in workbook["seller"]["personal"]:
        if record["status"] == "disclosed":
            record["status"] = "prepared"
            director["told"].append(record["id"])
    for person_id, name, role in (("p-2", "李科长", "procurement"), ("p-3", "赵工", "technical")):
        workbook["people"].append(dict(scoring.blank_person(METHOD, person_id), name=name, role=role,
                                       reports_to="p-1"))
    # What moves them, and the seller's own word on why the client may not sign yet.
    director["motives"] = {"organisation": "年底前完成税务数据上云,向省里交账", "personal": ["safety", "career"],
                           "balance": -1}
    workbook["people"][1]["motives"] = {"organisation": "", "personal": ["ease"], "balance": 0}
    workbook["review"] = [{"id": "budget", "state": "open", "note": "明年的预算还没批下来,要等人大会后"},
                          {"id": "no_inside_support", "state": "cleared", "note": "李科长私下表示支持我们"}]
    return workbook


def results_file(*workbooks):
    return results.document_text(results.export_document(list(workbooks), METHOD, "2026-12-01T09:00:00Z", "test"))


def notes_of(workbook):
    lists = [records for side in ("seller", "client") for records in workbook[side].values()]
    for records in lists + [person["personal"] for person in workbook["people"]]:
        for record in records:
            if record.get("note"):
                yield record["note"]


def squeezed(text):
    """Text as compared with a PDF's: ligatures ("ﬁ") undone, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture
def fresh(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url).open()


def open_full_workbook(workbook: WorkbookPage, path=""):
    workbook.import_file("full.json", results_file(full_workbook()))
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_have_value("省税务局 2026")
    if path:
        workbook.open(path)
    return workbook


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_printed_handout_of_a_full_workbook_is_two_to_four_pages_with_every_note_and_its_people(fresh, language):
    open_full_workbook(fresh, PATHS[language])
    pdf = pypdf.PdfReader(io.BytesIO(fresh.print_to_pdf()))
    pages = [squeezed(page.extract_text()) for page in pdf.pages]
    assert 2 <= len(pages) <= 4, len(pages)
    whole = "".join(pages)
    # the map printed is the account's as imported, not the page's first workbook
    for one in full_workbook()["people"]:
        assert squeezed(one["name"]) in whole
    missing = [note for note in notes_of(full_workbook()) if squeezed(note) not in whole]
    assert missing == []
    assert "需求8:审批流程太慢" in whole and "共同点6:同一所大学" in whole


@pytest.mark.parametrize("language, words", [
    ("zh", ("客户", "省税务局信息中心", "日期", "信任", "计划的信任曲线", "各清单覆盖率")),
    ("en", ("Client", "省税务局信息中心", "Date", "Trust", "Planned trust curve", "Coverage per list")),
])
def test_page_one_names_client_and_date_with_the_score_curve_and_coverage_and_the_plan_follows(fresh, language, words):
    open_full_workbook(fresh, PATHS[language])
    pages = [squeezed(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(fresh.print_to_pdf())).pages]
    first = pages[0]
    for word in words:
        assert squeezed(word) in first, word
    assert re.search(r"\d{4}-\d{2}-\d{2}", first)
    assert fresh.score("T") in first
    plan_title, first_stage = {"zh": ("分阶段计划", "1初次接触"),
                               "en": ("Plan,stagebystage", "1Firstcontact")}[language]
    assert plan_title in first and first_stage in first


def test_the_printout_shows_no_form_controls(fresh):
    open_full_workbook(fresh)
    fresh.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    fresh.page.emulate_media(media="print")
    for role in ("textbox", "combobox", "checkbox", "button"):
        expect(fresh.page.get_by_role(role).filter(visible=True)).to_have_count(0)
    expect(fresh.page.get_by_role("table").filter(visible=True).first).to_be_visible()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_text_of_the_score_panel_overflows_at_any_width(fresh, language):
    open_full_workbook(fresh, PATHS[language])
    for width in WIDTHS:
        fresh.page.set_viewport_size({"width": width, "height": 900})
        panel = fresh.page.locator("[data-score-details]")
        if not panel.get_attribute("open") == "":
            panel.locator("summary").first.click()
        problems = fresh.panel_overflows()
        assert problems == [], f"{width} px: {problems}"


@pytest.mark.parametrize("language, no_plan, planned_words", [
    ("zh", "还没有计划", ("当前第", "现在的T是你的计划")),
    ("en", "Noplanyet", ("Atthecurrentstage", "ofwhatyourplan"))])
def test_with_nothing_planned_the_panel_and_page_one_say_there_is_no_plan_yet_and_read_cleanly(
        page, site_url, outside_requests, language, no_plan, planned_words):
    page.set_viewport_size({"width": 1280, "height": 900})
    workbook = WorkbookPage(page, site_url)
    workbook.open_with(stored_items(unplanned(scoring.normalise(fixtures.worked_example_account(), METHOD))),
                       PATHS[language])
    workbook.wait_until_reviewed()
    expect(page.locator("[data-plan-reading]")).to_have_text(METHOD["ui"]["plan_reading_empty"][language])
    assert workbook.panel_overflows() == []
    first, *rest = [squeezed(one.extract_text()) for one in pypdf.PdfReader(io.BytesIO(workbook.print_to_pdf())).pages]
    assert no_plan in first
    assert not any(words in first for words in planned_words)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_printed_maps_title_keeps_to_one_line(fresh, language):
    open_full_workbook(fresh, PATHS[language]).as_printed()
    caption = fresh.printed_map_caption()
    expect(caption).to_contain_text({"zh": "人数:3", "en": "people: 3"}[language])
    assert fresh.lines_of(caption) == 1


def test_on_a_phone_the_opened_details_do_not_cover_the_form(page, site_url, outside_requests):
    page.set_viewport_size({"width": 390, "height": 844})
    workbook = WorkbookPage(page, site_url).open()
    page.get_by_text(ZH["score_details"], exact=True).click()
    expect(page.locator("[data-people-scores] li").first).to_be_visible()
    sheet = workbook.worksheet("产品信息")
    sheet.scroll_into_view_if_needed()
    # They hang over the form under the figures: scrolling the page closes them.
    expect(page.locator("[data-people-scores] li").first).to_be_hidden()
    box = sheet.bounding_box()
    bar = page.get_by_role("complementary").bounding_box()  # the figures, sticky at the top
    y = max(box["y"], bar["y"] + bar["height"]) + 40
    on_top = page.evaluate(f"document.elementFromPoint(195, {y}).closest('.worksheet, .score-panel').className")
    assert "worksheet" in on_top
    workbook.point("产品信息", "性能").get_by_label(ZH["note"]).click()
    expect(workbook.point("产品信息", "性能").get_by_label(ZH["note"])).to_be_focused()


EXPLAINED = {"zh": ("T", "IS", "IC", "R", "P", "Σ", "对等度", "束"),
             "en": ("T", "IS", "IC", "R", "P", "Σ", "Reciprocity", "Bundles")}
QUESTION = {"zh": "{} 是什么?", "en": "What is {}?"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_figure_explains_itself_by_keyboard_and_by_touch(fresh, language):
    fresh.open(PATHS[language])
    page = fresh.page
    for name in EXPLAINED[language]:
        question = fresh.explanation(QUESTION[language].format(name))
        summary = question.locator("summary")
        summary.focus()
        page.keyboard.press("Enter")
        text = question.locator("p")
        expect(text).to_be_visible()
        assert len(text.inner_text()) > 20
        page.keyboard.press("Enter")
        expect(text).to_be_hidden()
        summary.tap()
        expect(text).to_be_visible()
        summary.tap()
        expect(text).to_be_hidden()


def test_t_is_read_against_what_the_plan_reaches(fresh):
    fresh.open("en/")
    page = fresh.page
    reading = page.locator("[data-plan-reading]")
    expect(reading).to_have_text(METHOD["ui"]["plan_reading_empty"]["en"])
    needs = fresh.worksheet("Needs")
    needs.get_by_role("button", name="Add a need").click()
    needs.get_by_label("Problem").fill("Approvals take months")
    needs.get_by_label("Planned stage").select_option("2")
    point = fresh.point("Product", "Performance")
    point.get_by_label("Status").select_option("disclosed")
    for name in ("Performance", "Specifications", "Design", "Quality"):
        fresh.point("Product", name).get_by_label("Planned stage").select_option("1")
    expect(reading).to_have_text("T is 100% of what your plan reaches at stage 4.")
    for name in ("Specifications", "Design", "Quality"):  # a note prepares a point: the plan counts it
        fresh.point("Product", name).get_by_label("Note").fill("Ready to present")
    expect(reading).to_have_text("T is 25% of what your plan reaches at stage 4.")


def test_the_english_page_names_the_bundle_and_leaves_束_only_in_its_explanation(fresh):
    fresh.open("en/")
    page = fresh.page
    body = page.evaluate("document.body.textContent")
    assert body.count("束") == 1
    assert "束" in fresh.explanation("What is Bundles?").locator("p").text_content()
    assert "narrow 16 bundles" in fresh.worksheet("Common ground (resonance)").text_content()


# ---------------------------------------------------------------- the same under MicroPython

PARITY_HARNESS = r'''
import json
import editing
import people_view
import scoring
import view
''' + LEAF_LINES + r'''

def run(method_text, workbook_text):
    method = json.loads(method_text)
    workbook = scoring.normalise(json.loads(workbook_text), method)
    for language in ("zh", "en"):
        texts = view.Texts(method, language)
        result = scoring.score(workbook, method)
        shown = view.score_view(result, texts, {}, workbook)
        for line in lines_of([shown["moves"], shown["plan_reading"], shown["people"], shown["common_ground"],
                              shown["figures"], shown["no_moves"], view.handout_view(workbook, texts, method, result),
                              people_view.names(workbook, texts)]):
            yield line
    for status in ("empty", "prepared", "disclosed"):
        for note in ("", " ", "x"):
            yield status + "/" + note + " " + editing.status_after_note(status, note)
    blank = scoring.blank_workbook(method, "wb-0", "未命名客户")
    plan = editing.plan_import([workbook], {"wb-0": blank, workbook["id"]: workbook}, method)
    for line in lines_of(plan["replace_untouched"]):
        yield line
    for line in people_edits(method, workbook):
        yield line


def people_edits(method, workbook):
    """The people's editing rules, step by step, each step's workbook."""
    workbook = json.loads(json.dumps(workbook))
    steps = [editing.add_person(workbook, method), editing.duplicate_person(workbook, "p-1", "(副本)", method),
             editing.move_person(workbook, "p-2", -1), editing.managers_for(workbook, "p-2"),
             editing.told_after(workbook["people"][1], "hobbies", True, method),
             editing.shared_with(workbook["common_ground"][0], workbook, "p-3", True),
             editing.person_value("contact_factor", "2.5", method), editing.person_value("influence", "3", method)]
    removed = editing.remove_person(workbook, "p-1")
    steps += [removed, dict(workbook), editing.restore_person(workbook, removed, method), workbook]
    for line in lines_of(steps):
        yield line
'''


def test_the_view_and_editing_rules_say_the_same_under_micropython(tmp_path):
    from interpreters import both

    inputs = {"method.json": build.CONTENT_FILE.read_text(encoding="utf-8"),
              "workbook.json": json.dumps(full_workbook(), ensure_ascii=False)}
    modules = ["jsontext.py", "content.py", "scoring.py", "diagnosis.py", "people_view.py", "relationship_map.py",
               "view.py", "editing.py", "review_view.py"]
    expected, got = both(PARITY_HARNESS, modules, inputs, tmp_path)
    assert len(expected) > 200
    assert got == expected


# ---------------------------------------------------------------- the account's people (the relationship map's part)

def test_the_handouts_people_part_gives_each_person_with_what_they_were_told_and_what_is_known():
    from fixtures import worked_example_account

    workbook = worked_example_account()
    english = texts("en")
    people = view.handout_view(workbook, english, METHOD, scoring.score(workbook, METHOD))["tables"]["people"]
    told = [english.point_label("seller", "personal", record["id"]) + " (Semi-public)"
            for record in workbook["seller"]["personal"]]
    known = english.point_label("client", "personal", workbook["people"][0]["personal"][0]["id"]) + " (Private)"
    assert people == [["王主任 (主任)", "Decision maker", "High", "Neutral", "248", ", ".join(told), known],
                      ["李科长 (采购科)", "Procurement and finance", "Low", "Neutral", "25", "—", "—"]]


def test_the_handouts_people_part_is_worked_out_from_the_score_when_none_is_given():
    from fixtures import worked_example_account

    workbook = worked_example_account()
    given = view.handout_view(workbook, texts(), METHOD, scoring.score(workbook, METHOD))
    assert view.handout_view(workbook, texts(), METHOD)["tables"]["people"] == given["tables"]["people"]
    assert [row[4] for row in given["tables"]["people"]] == ["248", "25"]


def test_the_printed_people_part_heads_the_columns_a_person_row_has():
    markup = (build.TEMPLATES_DIR / "_handout.html").read_text(encoding="utf-8")
    start = markup.index('class="handout handout-people"')
    part = markup[start:markup.index("</section>", start)]
    headings = part[part.index("handout_table('people'"):].split("[")[1].split("]")[0].count("t('")
    assert "data-handout-map" in part
    rows = view.handout_view(scoring.blank_workbook(METHOD), texts(), METHOD)["tables"]["people"]
    assert headings == 7 == len(rows[0])


# ---------------------------------------------------------------- why they may not sign yet, and what moves each person

def review_of(workbook, language="en"):
    return view.handout_view(workbook, texts(language), METHOD, scoring.score(workbook, METHOD))["tables"]["review"]


def test_the_handout_gives_each_open_reason_in_the_pages_words_with_whom_and_what_and_the_move():
    from fixtures import worked_example_account

    workbook = worked_example_account()
    workbook["people"][0]["motives"] = {"organisation": "", "personal": ["safety"], "balance": 0}
    assert review_of(workbook) == [
        ["Nobody inside speaks for you",
         "There is no coach (inside supporter), and nobody whose attitude to you is “supporter”.",
         "Find the coach (inside supporter) among the account's people", ""],
        # users is prepared, so the move discloses it (before evaluation results, still empty)
        ["The decider fears blame and has no proof",
         "王主任 (decision maker) fears blame, and none of this proof is disclosed yet: Users, Evaluation results.",
         "Disclose “Users” (Product)", ""]]
    assert review_of(workbook, "zh")[1] == ["决策者怕担责,你却没给证据",
                                            "王主任(决策者)怕出错担责,可是这些证据都还没有披露:使用者、评测结果。",
                                            "披露「使用者」(产品信息)", ""]
    # the very words of the page's review
    import review_view
    entries = scoring.review(workbook, METHOD)
    shown = [item for item in review_view.reasons(entries, workbook, texts("en")) if item["group"] == "open"]
    assert [row[1:3] for row in review_of(workbook)] == [[item["why"], item["move"]["text"]] for item in shown]


def test_the_handout_gives_a_reasons_figures_beside_the_person_it_names():
    from fixtures import worked_example_account

    workbook = worked_example_account()
    workbook["people"][0]["role"], workbook["people"][1]["role"] = "procurement", "decision_maker"
    assert review_of(workbook)[0] == [
        "The decider trusts you least", "李科长 (decision maker) trusts you least of all: Tᵢ = 25, against 248 for "
        "the highest.", "Tell 李科长: moral quality (planned for stage 2)", ""]
    assert review_of(workbook, "zh")[0][1] == "李科长(决策者)对你的信任 Tᵢ = 25,是所有人里最低的;最高的是 248。"


def test_reasons_ticked_by_hand_carry_their_notes_and_those_cleared_or_noted_by_hand_come_last():
    from fixtures import worked_example_account

    workbook = worked_example_account()
    workbook["review"] = [{"id": "no_inside_support", "state": "cleared", "note": "李科长私下支持"},
                          {"id": "price", "state": "open", "note": "比对手贵 8%"},
                          {"id": "timing", "state": None, "note": "只是一条备注"}]
    assert review_of(workbook) == [
        ["Price (ticked by you)", "The price holds the client back.", "—", "比对手贵 8%"],
        ["Nobody inside speaks for you (cleared by you)",
         "There is no coach (inside supporter), and nobody whose attitude to you is “supporter”.", "—",
         "李科长私下支持"],
        ["Timing or a policy change", "The timing is wrong, or policy or leadership is changing.", "—", "只是一条备注"]]
    assert [row[0] for row in review_of(workbook, "zh")] == [
        "价格(你勾选的)", "内部没人替你说话(你已排除)", "时机或政策变化"]
    # a reason the data does not find, kept all the same: the seller's word, with what the reason means
    workbook["people"][1]["attitude"] = "supporter"
    workbook["review"] = [{"id": "no_inside_support", "state": "open", "note": "李科长只是客气"}]
    assert review_of(workbook) == [["Nobody inside speaks for you (kept by you)",
                                    "There is no coach and no supporter in the account.", "—", "李科长只是客气"]]


def test_a_workbook_with_no_reason_open_gives_the_review_no_rows():
    from fixtures import worked_example_account

    workbook = worked_example_account()
    workbook["people"][1]["attitude"] = "supporter"
    assert review_of(workbook) == []


def test_the_handout_gives_the_motives_of_each_person_of_whom_one_is_written_with_the_methods_advice():
    workbook = full_workbook()
    motives = view.handout_view(workbook, texts("en"), METHOD)["tables"]["motives"]
    advice = {motive["id"]: motive["advice"]["en"] for motive in METHOD["motives"]}
    assert motives == [
        ["王主任", "年底前完成税务数据上云,向省里交账", "Safety (avoiding blame), Career", "Leans to avoiding blame",
         "Safety (avoiding blame) · " + advice["safety"] + "\nCareer · " + advice["career"]],
        ["李科长", "", "Ease", "Weighs both", "Ease · " + advice["ease"]]]   # 赵工: nothing written of his motives
    chinese = view.handout_view(workbook, texts("zh"), METHOD)["tables"]["motives"]
    assert chinese[0][2:4] == ["免责、晋升", "偏重免责"]
    assert view.handout_view(scoring.blank_workbook(METHOD), texts(), METHOD)["tables"]["motives"] == []
    # a balance alone brings the advice of the motive it leans to, as beside the person on the page
    workbook["people"][1]["motives"] = {"organisation": "", "personal": [], "balance": 2}
    leaning = view.handout_view(workbook, texts("en"), METHOD)["tables"]["motives"][1]
    assert leaning == ["李科长", "", "", "Wants results to show",
                       "Achievement · Wants results to show · " + advice["achievement"]]


@pytest.mark.parametrize("part, columns", [("review", 4), ("motives", 5)])
def test_the_printed_review_and_motives_head_the_columns_their_rows_have(part, columns):
    markup = (build.TEMPLATES_DIR / "_handout.html").read_text(encoding="utf-8")
    start = markup.index('data-handout-list="%s"' % part) if part == "review" else markup.index(
        "handout_table('%s'" % part)
    headings = markup[start:].split("[", 1)[1].split("]", 1)[0].count("t('")
    workbook = full_workbook()
    workbook["review"] = [{"id": "price", "state": "open", "note": ""}]
    rows = view.handout_view(workbook, texts(), METHOD)["tables"][part]
    assert headings == columns == len(rows[0])


@pytest.mark.parametrize("language, words", [
    ("zh", ("为什么客户可能还不签", "预算(你勾选的)", "内部没人替你说话(你已排除)", "单位的采购动机", "偏重免责")),
    ("en", ("Why they may not sign yet", "Budget (ticked by you)", "Nobody inside speaks for you (cleared by you)",
            "The organisation's motive", "Leans to avoiding blame")),
])
def test_the_printed_handout_says_why_they_may_not_sign_yet_and_what_moves_each_person(fresh, language, words):
    open_full_workbook(fresh, PATHS[language])
    whole = "".join(squeezed(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(fresh.print_to_pdf())).pages)
    for word in words:
        assert squeezed(word) in whole
    for review in full_workbook()["review"]:
        assert squeezed(review["note"]) in whole
    advice = [motive["advice"][language] for motive in METHOD["motives"] if motive["id"] in ("safety", "career")]
    assert all(squeezed(text) in whole for text in advice)
    assert squeezed("年底前完成税务数据上云,向省里交账") in whole



def test_page_one_prints_the_accounts_next_moves_and_the_common_ground_says_with_whom(fresh):
    open_full_workbook(fresh)
    pages = [squeezed(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(fresh.print_to_pdf())).pages]
    assert len(pages) <= 4
    first_move = fresh.moves().first.locator("a").inner_text()
    assert squeezed("下一步做什么") in pages[0] and squeezed(first_move) in pages[0]
    assert squeezed("与谁共有") in "".join(pages)


def test_the_printed_map_has_its_legend_right_beside_it(fresh):
    open_full_workbook(fresh)
    fresh.page.set_viewport_size({"width": 1280, "height": 900})
    fresh.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    fresh.page.emulate_media(media="print")
    drawing = fresh.page.locator("[data-handout-map] svg").first.bounding_box()
    legend = fresh.page.locator("[data-handout-map] .map-legend").bounding_box()
    assert 0 <= legend["x"] - (drawing["x"] + drawing["width"]) <= 40


# ---------------------------------------------------------------- the handout waits until printing

def test_the_handout_waits_in_a_template_until_printing_and_is_filled_then(fresh):
    page = fresh.page
    expect(page.locator("body")).to_have_attribute("data-panel", "complete")
    assert page.locator("[data-handout], [data-handout-map], .handout").count() == 0
    assert page.locator("template[data-handout-template]").count() == 1
    fresh.as_printed()
    expect(page.locator("[data-handout]")).to_have_count(1)
    expect(page.locator("template[data-handout-template]")).to_have_count(0)
    expect(page.locator("[data-handout-field='date']")).to_have_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    expect(page.locator("[data-handout-map] svg").first).to_be_visible()


def test_a_printout_made_right_after_ready_on_a_phone_holds_the_handout_and_the_map(page, site_url, outside_requests):
    from fixtures import worked_example_account

    page.set_viewport_size({"width": 390, "height": 844})
    workbook = WorkbookPage(page, site_url).open_with(stored_items(worked_example_account()))
    expect(page.locator("body")).to_have_attribute("data-panel", "complete")  # no scroll, no wait for the review
    whole = "".join(squeezed(one.extract_text()) for one in pypdf.PdfReader(io.BytesIO(workbook.print_to_pdf())).pages)
    assert squeezed(texts().ui_text("handout_title")) in whole
    assert squeezed(texts().ui_text("map_handout_title")) in whole
    for person in worked_example_account()["people"]:
        assert squeezed(person["name"]) in whole
    # the map on the page was drawn for the printout, its table too, and copied into the handout
    people = len(worked_example_account()["people"])
    assert page.locator("#relationship-map [data-map-rows] tr").count() == people
    assert page.locator("[data-handout-map] .map-name").count() == people
