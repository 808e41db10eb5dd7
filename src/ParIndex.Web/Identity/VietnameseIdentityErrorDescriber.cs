using Microsoft.AspNetCore.Identity;

namespace ParIndex.Web.Identity;

/// <summary>Identity's messages in Vietnamese, since they are shown beside the form fields.</summary>
public sealed class VietnameseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Mật khẩu phải có ít nhất {length} ký tự." };
    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Mật khẩu không đúng." };
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Địa chỉ thư điện tử {email} đã được dùng." };
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Tên đăng nhập {userName} đã được dùng." };
    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"Địa chỉ thư điện tử \"{email}\" không hợp lệ." };
    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"Tên đăng nhập \"{userName}\" không hợp lệ." };
    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "Dữ liệu đã bị thay đổi bởi người khác; vui lòng tải lại trang." };
    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Đã xảy ra lỗi; vui lòng thử lại." };
}

/// <summary>Refuses passwords from the list of common passwords shipped with the application, and over-long ones.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const int MaxLength = 128;
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        if (password.Length > MaxLength)
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            { Code = "PasswordTooLong", Description = $"Mật khẩu không được dài quá {MaxLength} ký tự." }));
        if (Common.Value.Contains(password.ToLowerInvariant()))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            { Code = "PasswordTooCommon", Description = "Mật khẩu này quá phổ biến, dễ bị đoán; vui lòng chọn mật khẩu khác." }));
        return Task.FromResult(IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("ParIndex.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
