using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// A day's log file (<c>{prefix}yyyyMMdd.log</c>, the UTC day of the event), written with one positioned write call per
/// event and nothing buffered in the process: when <see cref="Emit"/> returns, the line is the operating system's, so
/// a crash of the process, even SIGKILL, loses none of it.
/// <para>The thread that logged the event formats it and encodes it outside any lock, into buffers of its own; the
/// lock covers only the file position and the one write. Serilog's file sink formats inside its lock, and under load
/// the requests queued on that lock (a third of a small page's time, docs/performance.md, issue 17).</para>
/// <para>Past midnight UTC the next event opens the next day's file; only the newest <c>retain</c> files of this
/// prefix are kept. A file that cannot be opened or written is reported to Serilog's SelfLog and the event is
/// dropped, as Serilog's sinks do, rather than failing the request that logged it.</para>
/// </summary>
public sealed class LogFile(string folder, string prefix, ITextFormatter formatter, int retain) : IDisposable
{
    /// <summary>A formatting buffer grown past this (a long exception) is not kept for the thread's next event.</summary>
    private const int KeepCapacity = 16 * 1024;

    [ThreadStatic] private static StringWriter? t_text;

    private readonly Lock _gate = new();
    private SafeFileHandle? _file;
    private long _position;
    private DateOnly _day;
    private bool _disposed;

    public void Emit(LogEvent logEvent)
    {
        var text = t_text ??= new StringWriter(CultureInfo.InvariantCulture);
        var chars = text.GetStringBuilder().Clear();
        formatter.Format(logEvent, text);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(chars.Length));
        try
        {
            var length = 0;
            foreach (var chunk in chars.GetChunks()) length += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(length));
            Write(DateOnly.FromDateTime(logEvent.Timestamp.UtcDateTime), bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (chars.Capacity > KeepCapacity) t_text = null;
        }
    }

    private void Write(DateOnly day, ReadOnlySpan<byte> line)
    {
        try
        {
            lock (_gate)
            {
                if (_disposed) return;
                if (_file is null || day != _day) Open(day);
                RandomAccess.Write(_file!, line, _position);
                _position += line.Length;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SelfLog.WriteLine("ParIndex log file {0}: {1}", Path.Combine(folder, prefix), e.Message);
        }
    }

    /// <summary>Under the lock: the day's file, appended to where it ends, and the oldest files past <c>retain</c> deleted.</summary>
    private void Open(DateOnly day)
    {
        _file?.Dispose();
        _file = null;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{prefix}{day:yyyyMMdd}.log");
        var file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete);
        _position = RandomAccess.GetLength(file);
        _file = file;
        _day = day;
        foreach (var old in Directory.GetFiles(folder, prefix + "????????.log").Order(StringComparer.Ordinal).SkipLast(retain))
        {
            try { File.Delete(old); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { SelfLog.WriteLine("ParIndex log file {0}: {1}", old, e.Message); }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
        }
    }
}
