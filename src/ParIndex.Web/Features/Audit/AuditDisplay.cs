using System.Globalization;
using System.Text.RegularExpressions;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Audit;

/// <summary>
/// How the change history reads on screen and in its export: field names in Vietnamese ("Vai trò", not "Role"), coded
/// values named (roles, statuses, phases), instants in Vietnam time without "UTC", and what means nothing to a reader
/// (stored file names, internal ids) left out. The entries themselves are kept as recorded.
/// </summary>
public static partial class AuditDisplay
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Role"] = "Vai trò",
        ["Status"] = "Trạng thái",
        ["PercentComplete"] = "Tiến độ (%)",
        ["CompletedOn"] = "Ngày hoàn thành",
        ["IssuedAt"] = "Thời điểm ban hành",
        ["IssuedBy"] = "Người ban hành",
        ["CancelReason"] = "Lý do hủy",
        ["Coordinator"] = "Đơn vị phối hợp",
        ["Target"] = "Tiêu chí thành phần hướng tới",
        ["DueDate"] = "Kỳ hạn",
        ["MetOn"] = "Ngày hoàn thành kỳ",
        ["Progress"] = "Cập nhật tiến độ",
        ["Phase"] = "Giai đoạn",
        ["PhaseChange"] = "Khóa/mở giai đoạn",
        ["Evidence"] = "Tài liệu kiểm chứng",
        ["LossShare"] = "Phần điểm bị mất",
        ["FactSource"] = "Nguồn số liệu",
        ["Area"] = "Lĩnh vực",
        ["SelfScore"] = "Điểm tự đánh giá",
        ["SelfNote"] = "Ghi chú tự đánh giá",
        ["Round1Score"] = "Điểm thẩm định vòng 1",
        ["Round1Note"] = "Ghi chú thẩm định vòng 1",
        ["Round2Score"] = "Điểm thẩm định vòng 2",
        ["Round2Note"] = "Ghi chú thẩm định vòng 2",
        ["LostReason"] = "Lý do mất điểm",
        ["Explanation"] = "Giải trình",
        ["ExplanationRequired"] = "Cần giải trình",
        ["ExplanationChange"] = "Văn phòng Sở thay đổi danh sách giải trình",
        ["ExplanationChangeReason"] = "Lý do thay đổi danh sách giải trình",
        ["SelfOffScaleReason"] = "Lý do điểm tự đánh giá khác thang điểm",
        ["Round1OffScaleReason"] = "Lý do điểm vòng 1 khác thang điểm",
        ["Round2OffScaleReason"] = "Lý do điểm vòng 2 khác thang điểm",
        ["RuleMismatchKeptReason"] = "Lý do giữ điểm khác kết quả theo số liệu",
        ["RuleMismatchKeptPoints"] = "Điểm theo số liệu khi giữ điểm",
        ["Unlocks"] = "Xác nhận khi mở lại",
        ["FactsJson"] = "Số liệu",
        ["Content"] = "Nội dung",
        ["ExpectedOutput"] = "Sản phẩm",
        ["Deadline"] = "Thời hạn",
        ["DueOn"] = "Hạn",
        ["StartsOn"] = "Bắt đầu",
        ["EndsOn"] = "Kết thúc",
        ["ClosedAt"] = "Khóa lúc",
        ["Kind"] = "Giai đoạn",
        ["Recurrence"] = "Định kỳ",
        ["Name"] = "Tên",
        ["Code"] = "Mã",
        ["SortOrder"] = "Thứ tự",
        ["Year"] = "Năm",
        ["Email"] = "Thư điện tử",
        ["UserName"] = "Tên đăng nhập",
        ["FullName"] = "Họ tên",
        ["IsDisabled"] = "Đã khóa tài khoản",
        ["EmailConfirmed"] = "Đã xác nhận thư điện tử",
        ["TwoFactorEnabled"] = "Xác thực hai bước",
        ["PasswordHash"] = "Mật khẩu",
        ["LockoutEnabled"] = "Cho phép tạm khóa khi sai mật khẩu",
        ["PhoneNumberConfirmed"] = "Đã xác nhận số điện thoại",
        ["FileName"] = "Tên tệp",
        ["Size"] = "Dung lượng",
        ["Url"] = "Đường dẫn",
        ["Note"] = "Ghi chú",
        ["Total"] = "Tổng điểm",
        ["Classification"] = "Xếp loại",
        ["Rank"] = "Xếp hạng",
        ["RankOf"] = "Trên tổng số",
        ["Source"] = "Nguồn",
        ["Responsible"] = "Đơn vị chịu trách nhiệm",
        ["SubmittedOn"] = "Ngày gửi",
        ["DocumentNumber"] = "Số văn bản",
        ["Period"] = "Kỳ báo cáo",
        ["Number"] = "Số",
        ["Place"] = "Địa danh",
        ["PlanDate"] = "Ngày kế hoạch",
        ["TargetYear"] = "Năm kế hoạch",
        ["BaseYear"] = "Năm cơ sở",
        ["TargetTotal"] = "Điểm mục tiêu",
        ["TargetRankImprovement"] = "Số bậc phấn đấu tăng",
        ["Agency"] = "Cơ quan",
        ["ParentAgency"] = "Cơ quan chủ quản",
        ["SignerName"] = "Người ký",
        ["SignerTitle"] = "Chức vụ người ký",
        ["Recipients"] = "Nơi nhận",
        ["Purpose"] = "Mục đích",
        ["Requirements"] = "Yêu cầu",
        ["Evaluation"] = "Đánh giá kết quả",
        ["Organisation"] = "Tổ chức thực hiện",
        ["EvaluationDraft"] = "Dự thảo đánh giá",
        ["OrganisationDraft"] = "Dự thảo tổ chức thực hiện",
        ["MaxPoints"] = "Điểm tối đa",
        ["Guidance"] = "Hướng dẫn",
        ["Weight"] = "Trọng số",
    };

    /// <summary>Recorded for the machine, meaningless to a reader: the stored file's random name, internal keys.</summary>
    private static bool Hidden(string property) =>
        property is "StoredName" or "ContentHash" or "Id" || (property.EndsWith("Id", StringComparison.Ordinal) && property.Length > 2);

    /// <summary>"Evidence[12].FileName" → "Tài liệu kiểm chứng – Tên tệp"; "Phase[SelfAssessment]" → "Giai đoạn tự đánh giá".</summary>
    public static string? Field(string? field)
    {
        if (field is null) return null;
        var parts = field.Split('.');
        return string.Join(" – ", parts.Select(part =>
        {
            var m = Indexed().Match(part);
            var name = m.Success ? m.Groups[1].Value : part;
            var label = Fields.TryGetValue(name, out var l) ? l : name;
            if (m.Success && name is "Phase" or "PhaseChange" && Enum.TryParse<PhaseKind>(m.Groups[2].Value, out var kind))
                return $"{label} {kind.ToVietnamese()}";
            return label;
        }));
    }

    /// <summary>A value as shown: a whole record's summary ("Key=Value; …") is rewritten pair by pair.</summary>
    public static string? Value(string? field, string? value)
    {
        if (value is null) return null;
        var last = field?.Split('.')[^1];
        var property = last is null ? "" : Indexed().Replace(last, "$1");
        // A created or deleted record (the entry has no field, or names a child record such as "Evidence[7]"):
        // its fields as "Key=Value; Key=Value".
        var whole = last is null || Indexed().IsMatch(last);
        var pairs = whole ? Pair().Matches(value) : null;
        if (pairs is null || pairs.Count == 0 || pairs[0].Index != 0) return One(property, value);
        var shown = pairs.Select(p => (Key: p.Groups[1].Value, Value: p.Groups[2].Value.TrimEnd(';', ' ')))
            .Where(p => !Hidden(p.Key))
            .Select(p => $"{(Fields.TryGetValue(p.Key, out var l) ? l : p.Key)}: {One(p.Key, p.Value)}");
        return string.Join("; ", shown);
    }

    private static string One(string property, string value)
    {
        if (property == "StoredName") return "(tệp lưu trữ)";
        if (property == "Role") return Roles.ToVietnamese(value);
        if (property == "Kind" && Enum.TryParse<PhaseKind>(value, out var kind)) return kind.ToVietnamese();
        if (property == "Status" && Enum.TryParse<PlanTaskStatus>(value, out var status) && !int.TryParse(value, out _))
            return status.ToVietnamese();
        if (property == "Status") return value switch { "Draft" => "Dự thảo", "Issued" => "Đã ban hành", _ => value };
        if (property == "Recurrence" && Enum.TryParse<Recurrence>(value, out var recurrence)) return recurrence.ToVietnamese();
        var utc = Utc().Match(value);
        if (utc.Success && DateTime.TryParseExact(utc.Groups[1].Value, "dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return Vn.DateTimeLocal(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        return value;
    }

    [GeneratedRegex(@"^(\w+)\[([^\]]*)\]$")]
    private static partial Regex Indexed();

    // A key is a PascalCase property name followed by '='; its value runs to the next "; Key=" or the end.
    [GeneratedRegex(@"([A-Z][A-Za-z0-9]*)=(.*?)(?=; [A-Z][A-Za-z0-9]*=|$)", RegexOptions.Singleline)]
    private static partial Regex Pair();

    [GeneratedRegex(@"^(\d\d/\d\d/\d{4} \d\d:\d\d:\d\d) UTC$")]
    private static partial Regex Utc();
}
