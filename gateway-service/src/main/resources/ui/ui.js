// Asks before a form marked data-confirm posts (block, delete, regenerate). Without
// scripts the forms still work; they just post at once.
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
}
