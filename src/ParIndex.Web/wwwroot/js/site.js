// Confirmation for buttons that carry data-confirm (no inline handlers: the CSP forbids them).
document.addEventListener('click', function (e) {
    var el = e.target.closest('[data-confirm]');
    if (el && !window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); }
});

// Filters that apply as soon as they change (a submit button stays available without script).
document.addEventListener('change', function (e) {
    if (e.target.matches('[data-autosubmit]')) { e.target.form.submit(); }
});

// Wide tables scroll inside their own box on a narrow screen (the page itself never scrolls sideways); the box can be
// reached and scrolled with the keyboard, and names its table for a screen reader. Tables already in a
// .table-responsive box get the same treatment.
(function () {
    var n = 0;
    document.querySelectorAll('main table').forEach(function (table) {
        var box = table.parentElement.classList.contains('table-responsive') ? table.parentElement : null;
        if (!box) {
            box = document.createElement('div');
            table.parentNode.insertBefore(box, table);
            box.appendChild(table);
        }
        box.classList.add('table-scroll');
        if (!box.hasAttribute('tabindex')) box.setAttribute('tabindex', '0');
        if (!box.hasAttribute('role')) box.setAttribute('role', 'region');
        if (!box.hasAttribute('aria-label') && !box.hasAttribute('aria-labelledby')) {
            var caption = table.querySelector('caption');
            var heading = caption ? caption.textContent.trim() : '';
            box.setAttribute('aria-label', heading || ('Bảng ' + (++n)));
        }
    });
})();
