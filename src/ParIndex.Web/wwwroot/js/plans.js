// Plans and tasks: progressive enhancement only; every form works without this file.
(function () {
    'use strict';

    // Task form: show the one-off deadline or the recurring due dates, whichever applies.
    var recurrence = document.querySelector('[data-plans-recurrence]');
    if (recurrence) {
        var once = document.querySelector('[data-plans-once]');
        var recurring = document.querySelector('[data-plans-recurring]');
        var sync = function () {
            var isOnce = recurrence.value === 'None';
            if (once) once.hidden = !isOnce;
            if (recurring) recurring.hidden = isOnce;
        };
        recurrence.addEventListener('change', sync);
        sync();
    }

    // Status form: the cancel reason only matters when cancelling.
    var status = document.querySelector('[data-plans-status]');
    var reason = document.querySelector('[data-plans-cancel-reason]');
    if (status && reason) {
        var syncReason = function () { reason.hidden = status.value !== 'Cancelled'; };
        status.addEventListener('change', syncReason);
        syncReason();
    }

    // Destructive buttons ask first.
    document.querySelectorAll('[data-plans-confirm]').forEach(function (button) {
        button.addEventListener('click', function (e) {
            if (!window.confirm(button.getAttribute('data-plans-confirm'))) e.preventDefault();
        });
    });
})();
