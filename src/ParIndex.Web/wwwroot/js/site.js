// Confirmation for buttons that carry data-confirm (no inline handlers: the CSP forbids them).
document.addEventListener('click', function (e) {
    var el = e.target.closest('[data-confirm]');
    if (el && !window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); }
});
