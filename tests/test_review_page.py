"""Why the client may not sign yet, motives and client types on the page,
in a real browser: a participant models an account and reads the concrete
reasons with their moves, a move goes to its field, the seller's own word
on a reason survives a reload, a kind of client sets its preset, and the
advice for a person who fears blame sits beside that person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import build
import diagnosis
import scoring
from fixtures import stored_items, worked_example_account
from workbook_page import ZH, WorkbookPage

pytestmark = pytest.mark.browser

METHOD = build.load_content()
LABELS = {reason["id"]: reason["label"] for reason in METHOD["review_reasons"]}


@pytest.fixture
def browser_context_args(browser_context_args):
    # The early-choice test's second visit must wait for the held engine,
    # not take it from the service worker's cache.
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url)


def label(reason_id: str, language: str = "zh") -> str:
    return LABELS[reason_id][language]


def model_an_account(workbook: WorkbookPage):
    """A participant's account: the director decides, procurement and an
    engineer who is against the seller sit in; one severe need the client
    does not see; the criteria known, the process not."""
    workbook.open()
    workbook.set_person(workbook.person(1), "王主任", "decision_maker", "3")
    workbook.add_person("李科长", "procurement", "1")
    engineer = workbook.add_person("赵工", "technical", "3")
    engineer.get_by_role("combobox", name=ZH["attitude"], exact=True).select_option("opponent")
    workbook.add_need("审批要跑三个月")
    need = workbook.rows(ZH["needs"]).last
    need.get_by_label("严重程度").select_option("3")
    need.get_by_label("可见度").select_option("unrecognised")
    workbook.learn("偏好信息", "决策依据的条件")
    workbook.wait_until_reviewed()


def test_a_participant_who_models_an_account_reads_the_open_reasons_with_their_moves_in_chinese(workbook):
    model_an_account(workbook)
    open_ones = ["need_unseen", "no_inside_support", "process_unknown", "influential_opponent"]
    expect(workbook.review_list(ZH["review_open"]).locator("legend")).to_have_text(
        [label(reason_id) for reason_id in open_ones])
    expect(workbook.review_line()).to_have_text("可能还不签的原因:4 条")
    expect(workbook.reason(label("need_unseen"))).to_contain_text(
        "最严重的需求(「审批要跑三个月」)客户自己还没有察觉。")
    expect(workbook.reason(label("influential_opponent"))).to_contain_text("赵工对决定的影响力高,态度却是反对。")
    expect(workbook.reason_move(label("need_unseen"))).to_have_text("帮客户看见「审批要跑三个月」,再改它的可见度")
    expect(workbook.reason_move(label("process_unknown"))).to_have_text("了解「决策流程」(偏好信息)")
    expect(workbook.reason_move(label("no_inside_support"))).to_have_text("在客户方的人里找到内部支持者")
    assert "不知道谁拍板" in workbook.reason_labels(ZH["review_quiet"])
    assert workbook.reason_labels(ZH["review_by_hand"]) == ["预算", "时机或政策变化", "竞争对手的老关系", "价格"]

    stored = workbook.wait_until_saved().stored_workbook()
    entries = diagnosis.review(stored, METHOD)
    assert diagnosis.open_reasons(entries) == open_ones


def test_each_moves_link_focuses_the_field_that_clears_its_reason(workbook):
    model_an_account(workbook)
    page = workbook.page
    workbook.reason_move(label("process_unknown")).click()
    expect(workbook.point("偏好信息", "决策流程").get_by_label(ZH["known"])).to_be_focused()
    workbook.reason_move(label("need_unseen")).click()
    expect(workbook.rows(ZH["needs"]).last.get_by_label("可见度")).to_be_focused()
    workbook.reason_move(label("no_inside_support")).click()
    expect(workbook.worksheet(ZH["people"]).get_by_role("button", name=ZH["add_person"], exact=True)).to_be_focused()
    opponent = workbook.reason_move(label("influential_opponent"))
    expect(opponent).to_have_text("准备并告诉赵工:品质")
    opponent.click()
    expect(workbook.point(ZH["seller_personal"], "品质").get_by_label(ZH["note"])).to_be_focused()

    # Answering a reason takes it off the open list at once, and the panel's count with it.
    workbook.point("偏好信息", "决策流程").get_by_label(ZH["known"]).check()
    expect(workbook.review_line()).to_have_text("可能还不签的原因:3 条")
    assert label("process_unknown") in workbook.reason_labels(ZH["review_quiet"])
    page.get_by_role("link", name="可能还不签的原因:3 条").click()
    expect(page).to_have_url(workbook.site_url + "#review")


def test_a_reader_who_scrolls_away_right_after_following_a_move_is_left_where_they_scrolled(workbook):
    # The page keeps a move's field in view while the sheets around it are
    # laid out (KEEP_IN_VIEW_FRAMES, py/dom.py); pulled back to it, a reader
    # who scrolled on loses the click they were making there.
    model_an_account(workbook)
    page = workbook.page
    workbook.reason_move(label("process_unknown")).click()
    field = workbook.point("偏好信息", "决策流程").get_by_label(ZH["known"])
    expect(field).to_be_focused()
    page.evaluate("scrollTo(0, 0)")   # as the Home key does
    page.evaluate("""new Promise(done => {   // more frames than the page keeps the field for
        let frames = 0;
        const next = () => (++frames > 45 ? done() : requestAnimationFrame(next));
        requestAnimationFrame(next);
    })""")
    assert page.evaluate("scrollY") == 0
    expect(field).not_to_be_in_viewport()


def test_ticking_budget_with_a_note_and_clearing_a_found_reason_survive_a_reload(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    supporter = label("no_inside_support")
    expect(workbook.review_list(ZH["review_open"]).locator("legend")).to_contain_text([supporter])
    workbook.word_on_reason("预算", ZH["review_tick"], "明年预算还没批")
    clear = workbook.reason(supporter).get_by_role("checkbox", name=ZH["review_clear"])
    clear.check()
    expect(workbook.review_list(ZH["review_cleared"]).locator("legend")).to_have_text([supporter])
    expect(clear).to_be_focused()  # the reason moved to the list of those cleared, the focus with it
    workbook.word_on_reason(supporter, ZH["review_clear"], "小陈其实一直在帮我们")
    assert workbook.reason_labels(ZH["review_open"]) == ["预算"]
    assert workbook.reason_labels(ZH["review_cleared"]) == [supporter]

    workbook.wait_until_saved()
    assert workbook.stored_workbook()["review"] == [
        {"id": "no_inside_support", "state": "cleared", "note": "小陈其实一直在帮我们"},
        {"id": "budget", "state": "open", "note": "明年预算还没批"}]
    workbook.reload()
    expect(workbook.review_list(ZH["review_open"]).locator("legend")).to_have_text(["预算"])
    expect(workbook.reason("预算")).to_contain_text("你勾选的")
    expect(workbook.reason("预算").get_by_label(ZH["review_note"])).to_have_value("明年预算还没批")
    expect(workbook.reason("预算").get_by_role("checkbox", name=ZH["review_tick"])).to_be_checked()
    expect(workbook.review_list(ZH["review_cleared"]).locator("legend")).to_have_text([supporter])
    expect(workbook.reason(supporter).get_by_label(ZH["review_note"])).to_have_value("小陈其实一直在帮我们")
    expect(workbook.review_line()).to_have_text("可能还不签的原因:1 条")

    workbook.reason(supporter).get_by_role("checkbox", name=ZH["review_clear"]).uncheck()
    expect(workbook.review_list(ZH["review_open"]).locator("legend")).to_have_text(["内部没人替你说话", "预算"])


def test_choosing_a_government_body_sets_the_process_bound_preset_and_the_weights_stay_editable(workbook):
    workbook.open()
    page = workbook.page
    workbook.choose_client_type("政府机关")
    expect(page.get_by_text("评分预设已换成「流程约束型」,权重仍可在评分设置里调整。")).to_be_visible()
    expect(page.get_by_label(ZH["preset"])).to_have_value("process_bound")
    expect(page.get_by_label("偏好权重")).to_have_value("2")
    stored = workbook.wait_until_saved().stored_workbook()
    assert (stored["client_type"], stored["settings"]["preset"], stored["settings"]["weights"]) == (
        "government", "process_bound", {"needs": 1, "preferences": 2, "personal": 0.5})

    page.get_by_label("客户个人信息权重").fill("1.5")
    expect(page.get_by_label(ZH["preset"])).to_have_value("custom")
    workbook.wait_until_saved().reload()
    expect(page.get_by_role("combobox", name=ZH["client_type"], exact=True)).to_have_value("government")
    assert workbook.stored_workbook()["settings"]["weights"]["personal"] == 1.5
    summary = page.get_by_text("各类客户怎么买", exact=True)
    summary.click()
    expect(page.locator("#account").get_by_text("按预算年度和采购程序办事", exact=False)).to_be_visible()
    expect(page.locator("#account").get_by_text("根据方法的目录写成的", exact=False)).to_be_visible()


def test_a_kind_of_client_chosen_before_the_page_is_ready_sets_its_preset_once_it_is(page, site_server,
                                                                                     outside_requests):
    workbook = WorkbookPage(page, site_server.url)
    with site_server.hold("runtime/micropython/"):
        page.goto(site_server.url, wait_until="commit")
        workbook.choose_client_type("民营企业")
        expect(page.locator("body")).to_have_attribute("data-ready", "0")
    workbook.wait_until_ready()
    expect(page.get_by_label(ZH["preset"])).to_have_value("relationship_driven")
    stored = workbook.wait_until_saved().stored_workbook()
    assert (stored["client_type"], stored["settings"]["preset"]) == ("private", "relationship_driven")


def test_the_advice_for_a_person_who_fears_blame_appears_beside_them_and_is_kept(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    workbook.pick_person("王主任 · 决策者")
    motives = workbook.motives()
    expect(workbook.advice()).to_have_count(0)
    motives.get_by_label(ZH["balance"]).select_option("-2")
    expect(workbook.advice()).to_have_count(1)
    expect(workbook.advice().first).to_contain_text("免责 · 最怕担责")
    expect(workbook.advice().first).to_contain_text("最怕出错担责")
    expect(workbook.advice().first.get_by_role("listitem")).to_have_text(
        ["使用者(产品信息) 空白", "评测结果(产品信息) 空白", "服务表现(产品信息) 空白", "名声(企业信息) 已披露"])
    expect(workbook.review_list(ZH["review_open"]).locator("legend")).to_contain_text([label("fear_without_proof")])

    motives.get_by_role("group", name=ZH["personal_motives"]).get_by_label("免责", exact=True).check()
    motives.get_by_label(ZH["motive_organisation"]).fill("一网通办年底要考核")
    expect(workbook.advice().first.locator("strong")).to_have_text("免责")
    workbook.advice().first.get_by_role("link", name="使用者(产品信息)").click()
    expect(workbook.point("产品信息", "使用者").get_by_label(ZH["note"])).to_be_focused()

    workbook.wait_until_saved().reload()
    workbook.pick_person("王主任 · 决策者")
    expect(motives.get_by_label(ZH["balance"])).to_have_value("-2")
    expect(motives.get_by_label(ZH["motive_organisation"])).to_have_value("一网通办年底要考核")
    expect(motives.get_by_label("免责", exact=True)).to_be_checked()
    assert workbook.stored_workbook()["people"][0]["motives"] == {
        "organisation": "一网通办年底要考核", "personal": ["safety"], "balance": -2}
    workbook.pick_person("李科长 · 采购与财务")
    expect(motives.get_by_label(ZH["balance"])).to_have_value("0")
    expect(motives.get_by_label("免责", exact=True)).not_to_be_checked()
    expect(workbook.advice()).to_have_count(0)


def test_the_curve_marks_the_current_stage_and_the_panel_says_how_far_behind_the_plan_t_is(workbook):
    account = scoring.normalise(worked_example_account(), METHOD)
    for record in account["seller"]["product"] + account["client"]["preferences"]:
        record["stage"] = 2
    workbook.open_with(stored_items(account))
    page = workbook.page
    page.get_by_role("combobox", name=ZH["account_stage"]).select_option("2")
    plan = scoring.score(dict(account, stage=2), METHOD)["plan"]
    assert plan["ahead"] is False
    expect(page.locator("[data-plan-stage]")).to_have_text("当前第 2 阶段:计划 T 为 {},现在 {},落后 {}。".format(
        plan["planned_text"], plan["now_text"], plan["gap_text"].lstrip("-")))
    expect(page.locator("[data-curve-stage='1']")).to_have_attribute("data-current", "1")
    expect(page.locator("[data-curve-stage='0']")).to_have_attribute("data-current", "0")
    expect(workbook.review_list(ZH["review_open"]).locator("legend")).to_contain_text([label("behind_plan")])


def test_the_english_page_gives_the_reasons_in_english(workbook):
    workbook.open_with(stored_items(worked_example_account()), "en/")
    expect(workbook.page.locator("[data-review-line]")).to_have_text("Reasons they may not sign: 1")
    region = workbook.page.get_by_role("region", name="Why they may not sign yet", exact=True)
    expect(region.get_by_role("list", name="Open reasons").locator("legend")).to_have_text(
        [label("no_inside_support", "en")])
    expect(region.get_by_role("group", name=label("no_inside_support", "en"))).to_contain_text(
        "There is no coach (inside supporter), and nobody whose attitude to you is “supporter”.")
