// Confirmation for buttons that carry data-confirm (no inline handlers: the CSP forbids them).
document.addEventListener('click', function (e) {
    var el = e.target.closest('[data-confirm]');
    if (el && !window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); }
});

// Filters that apply as soon as they change (a submit button stays available without script).
document.addEventListener('change', function (e) {
    if (e.target.matches('[data-autosubmit]')) { e.target.form.submit(); }
});
