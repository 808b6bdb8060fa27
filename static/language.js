// Runs before anything else on the Chinese (default) page: a user who chose
// English last time goes straight to the English page.
try {
  if (localStorage.getItem("trust-workbook:language") === "en") {
    location.replace(document.documentElement.dataset.englishPage);
  }
} catch (storageBlocked) {
  // No storage, no remembered choice: stay on the default language.
}
