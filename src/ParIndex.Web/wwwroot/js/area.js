// The area grid: warn before leaving with scores typed but not saved, and add evidence from the grid without leaving it.
(function () {
    var form = document.getElementById('area-scores');
    if (!form) { return; }
    var warning = form.getAttribute('data-unsaved-warning');
    var dirty = false;
    var leaving = false;
    form.addEventListener('input', function (e) { if (e.target.form === form) { dirty = true; } });
    form.addEventListener('submit', function () { dirty = false; });

    window.addEventListener('beforeunload', function (e) {
        if (dirty && !leaving) { e.preventDefault(); e.returnValue = warning; return warning; }
    });

    // Links on the page ask first (beforeunload alone is silent in some browsers until the user has interacted).
    document.addEventListener('click', function (e) {
        var link = e.target.closest('a[href]');
        if (!link || !dirty || e.defaultPrevented) { return; }
        if (link.target === '_blank' || link.getAttribute('href').charAt(0) === '#') { return; }
        if (window.confirm(warning)) { leaving = true; } else { e.preventDefault(); }
    });

    var status = document.getElementById('area-status');
    document.querySelectorAll('form[data-evidence-form]').forEach(function (ev) {
        ev.addEventListener('submit', function (e) {
            e.preventDefault();
            var id = ev.getAttribute('data-evidence-form');
            var error = document.querySelector('[data-evidence-error="' + id + '"]');
            var fields = document.querySelectorAll('[form="' + ev.id + '"]');
            fetch(ev.action, { method: 'POST', body: new FormData(ev), headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
                .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
                .then(function (res) {
                    if (!res.ok) { error.textContent = res.body.error || 'Không thêm được tài liệu.'; return; }
                    error.textContent = '';
                    var badge = document.querySelector('[data-evidence-count="' + id + '"]');
                    badge.textContent = res.body.count + ' TL';
                    badge.hidden = false;
                    fields.forEach(function (f) { if (f.tagName === 'INPUT') { f.value = ''; } });
                    status.textContent = res.body.message;
                })
                .catch(function () { error.textContent = 'Không kết nối được máy chủ; tài liệu chưa được thêm.'; });
        });
    });
})();
