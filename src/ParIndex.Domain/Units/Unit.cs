using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Units;

/// <summary>
/// A unit of the department (phòng, đơn vị). Records point at it by id, so renaming or retiring it
/// keeps every historical record attached; the names it had before are kept in <see cref="NameHistory"/>.
/// </summary>
public class Unit
{
    private readonly List<UnitNameChange> _nameHistory = [];

    private Unit() { }

    public Unit(string code, string name, int sortOrder = 0)
    {
        Code = RequireText(code, "Mã đơn vị").ToUpperInvariant();
        Name = RequireText(name, "Tên đơn vị");
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int SortOrder { get; set; }
    public DateOnly? RetiredOn { get; private set; }
    public bool IsActive => RetiredOn is null;
    public IReadOnlyList<UnitNameChange> NameHistory => _nameHistory;

    public void Rename(string newName, DateOnly effectiveOn)
    {
        newName = RequireText(newName, "Tên đơn vị");
        if (newName == Name) return;
        _nameHistory.Add(new UnitNameChange(Name, effectiveOn));
        Name = newName;
    }

    public void Retire(DateOnly on)
    {
        if (RetiredOn is not null) throw new DomainException("Đơn vị đã ngừng hoạt động.");
        RetiredOn = on;
    }

    public void Reinstate() => RetiredOn = null;

    private static string RequireText(string value, string label) =>
        Vn.Clean(value) ?? throw new DomainException($"{label} không được để trống.");
}

/// <summary>The name a unit carried until <see cref="ChangedOn"/>.</summary>
public class UnitNameChange
{
    private UnitNameChange() { }

    public UnitNameChange(string previousName, DateOnly changedOn)
    {
        PreviousName = previousName;
        ChangedOn = changedOn;
    }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public string PreviousName { get; private set; } = "";
    public DateOnly ChangedOn { get; private set; }
}
