using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Tests.Security;

/// <summary>The upload checks every upload handler relies on (the evidence pages use FileStore).</summary>
public class FileStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "parindex-tests", "files-" + Guid.NewGuid().ToString("N"));

    private static FormFile File(string name, byte[] content) =>
        new(new MemoryStream(content), 0, content.Length, "file", name);

    private static readonly byte[] Pdf = ParIndex.Web.Tests.Infrastructure.TestFiles.Pdf();

    [Fact]
    public async Task Type_is_checked_by_name_and_by_content_and_size_is_limited()
    {
        Assert.Null(await FileStore.ValidateAsync(File("bao-cao.pdf", Pdf), default));
        Assert.Contains("không được phép", await FileStore.ValidateAsync(File("script.html", Pdf), default));
        Assert.Contains("không được phép", await FileStore.ValidateAsync(File("a.exe", Pdf), default));
        // An HTML page renamed .pdf is refused by its content.
        Assert.Contains("không đúng", await FileStore.ValidateAsync(File("trang.pdf", Encoding.UTF8.GetBytes("<script>alert(1)</script>")), default));
        Assert.Contains("rỗng", await FileStore.ValidateAsync(File("x.pdf", []), default));
        var big = new FormFile(new MemoryStream(Pdf), 0, FileStore.MaxBytes + 1, "file", "lon.pdf");
        Assert.Contains("vượt quá", await FileStore.ValidateAsync(big, default));
    }

    [Fact]
    public async Task Files_are_stored_outside_wwwroot_under_generated_names_and_no_path_escapes_the_folder()
    {
        var store = new FileStore(Options.Create(new StorageOptions { Folder = _folder }), new Env());
        var stored = await store.SaveAsync(File("../../wwwroot/evil.pdf", Pdf), default);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", stored);
        Assert.True(System.IO.File.Exists(Path.Combine(_folder, stored)));
        Assert.Empty(Directory.GetFiles(_folder, "evil*", SearchOption.AllDirectories));
        using (var s = store.Open(stored)) Assert.Equal(Pdf.Length, s.Length);
        Assert.Throws<InvalidOperationException>(() => store.Open("../parindex.db"));
        Assert.Throws<InvalidOperationException>(() => store.Open("..\\x.pdf"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private sealed class Env : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = null!;
        public string ApplicationName { get; set; } = "ParIndex.Web";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public string EnvironmentName { get; set; } = "Development";
    }
}
