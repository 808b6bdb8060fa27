# Page glue: results files. Downloads one workbook or all of them, imports
# a file (asking whether workbooks already here are replaced or kept
# twice), keeps the participant's name. The rules are store.py's,
# editing.py's and results.py's (fetched on first use); main.py passes the
# session and what it does around a save.
import dom
import editing
import library
import store
import view


class FilesGlue:
    def __init__(self, model, language, texts, storage, session, flush_save, open_workbook, writer):
        """`session`: main's Session; `flush_save()` saves pending typing at
        once; `open_workbook(id)` opens a stored workbook; `writer`: this
        tab's writer id."""
        self.model = model
        self.language = language
        self.texts = texts
        self.storage = storage
        self.session = session
        self.flush_save = flush_save
        self.open_workbook = open_workbook
        self.writer = writer

    def actions(self):
        """What the results buttons do, by their data-action."""
        session = self.session
        return {
            "download-current": lambda control: self.download([session.workbook]),
            "download-all": lambda control: self.download_all(),
        }

    def save_participant(self, control):
        self.keep_participant()

    def keep_participant(self):
        """Keeps the name as its field holds it now, shows it cleaned and
        returns it. A download reads the field too: its click is the field's
        change, and may come first."""
        name = library.clean_participant(dom.typed_participant())
        if store.keep_participant(self.storage, dom.typed_participant()) == store.FAILED:
            dom.show_status(self.texts.ui_text("save_failed"))
        dom.show_participant(store.participant(self.storage))
        return name

    def download(self, workbooks):
        self.flush_save()
        self.session.edits_since_backup = 0

        def hand_over(results):
            dom.download(results, workbooks, self.model, self.language, self.texts, self.keep_participant())

        dom.with_results(hand_over, self.texts)

    def stored(self):
        session = self.session
        return store.stored_workbooks(self.storage, session.index, session.workbook, self.model, dom.now_ms())

    def download_all(self):
        stored = self.stored()
        self.download([stored[entry["id"]] for entry in self.session.index["workbooks"]
                       if stored[entry["id"]] is not None])

    def choose_file(self, control):
        dom.import_chosen_file(control, self.model, self.language, self.texts, self.import_workbooks)

    def import_workbooks(self, file_name, workbooks, replace=None):
        """Stores an import, all or none, blank workbooks giving way; those
        already here are replaced or kept twice as the user answers
        (`replace`), planned again as the user may have typed."""
        self.flush_save()
        session, texts = self.session, self.texts
        plan = editing.plan_import(workbooks, self.stored(), self.model)
        if plan["already_here"] and replace is None:
            session.offered["import"] = lambda answer: self.import_workbooks(file_name, workbooks, answer)
            return dom.show_status(view.import_question(plan["already_here"], texts), import_choice=True)
        here = plan["already_here"] if replace else []
        outcome, index, imported = store.import_workbooks(
            self.storage, session.index, [w for w in workbooks if w not in here], dom.now_ms(), dom.now_iso(),
            self.writer, here, plan["replace_untouched"])
        if outcome != store.SAVED:
            return dom.show_status(texts.ui_text("import_not_stored", {"file": file_name, "count": len(workbooks)}))
        session.index = index
        self.open_workbook(imported[-1])
        dom.show_status(texts.ui_text("replaced_message" if here else "imported_message",
                                      {"count": len(here or workbooks)}))
