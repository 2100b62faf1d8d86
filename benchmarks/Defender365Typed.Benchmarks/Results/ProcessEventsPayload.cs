using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Defender365Typed.Benchmarks.Results;

/// <summary>The two documented response envelopes.</summary>
public enum ResponseShape
{
    /// <summary>Graph runHuntingQuery: <c>@odata.context</c>, <c>schema</c> (camelCase), <c>results</c>.</summary>
    Graph,

    /// <summary>Legacy Defender API: <c>Stats</c>, <c>Schema</c>, <c>Results</c>.</summary>
    Legacy,
}

/// <summary>
/// A deterministic synthetic DeviceProcessEvents response: 15 columns including a dynamic one (half nested objects, half
/// JSON strings holding JSON), about 200 devices, 500 binaries with fixed paths and hashes, 2,000 command-line
/// templates with a varying argument, and 300 accounts. The same row index always gives the same bytes.
/// </summary>
public static class ProcessEventsPayload
{
    public const int Devices = 200;
    public const int Binaries = 500;
    public const int CommandTemplates = 2000;
    public const int Accounts = 300;

    private static readonly string[] Columns =
    [
        "Timestamp", "DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "SHA1", "SHA256", "ProcessId",
        "ProcessCommandLine", "AccountDomain", "AccountName", "InitiatingProcessFileName", "ReportId", "AdditionalFields",
    ];

    private static readonly string[] Types =
    [
        "DateTime", "String", "String", "String", "String", "String", "String", "String", "Int64",
        "String", "String", "String", "String", "Int64", "Object",
    ];

    private static readonly string[] BaseNames =
    [
        "cmd", "powershell", "svchost", "rundll32", "msiexec", "chrome", "teams", "outlook", "excel", "winword",
        "conhost", "wmiprvse", "taskhostw", "explorer", "python", "node", "java", "git", "code", "sqlservr",
    ];

    private static readonly string[] ActionTypes = ["ProcessCreated", "ProcessCreated", "ProcessCreated", "ProcessCreatedUsingWmiQuery"];

    private static readonly string[] Domains = ["CONTOSO", "FABRIKAM", "NT AUTHORITY", "WORKGROUP"];

    private static readonly (string Id, string Name)[] DeviceTable = BuildDevices();
    private static readonly (string FileName, string Folder, string Sha1, string Sha256)[] BinaryTable = BuildBinaries();
    private static readonly string[] TemplateTable = BuildTemplates();
    private static readonly string[] AccountTable = BuildAccounts();
    private static readonly DateTime Start = new(2024, 3, 26, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The whole response in memory.</summary>
    public static byte[] Build(int rows, ResponseShape shape = ResponseShape.Graph)
    {
        var buffer = new ArrayBufferWriter<byte>(rows * 900 + 4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteHead(writer, shape);
            for (int i = 0; i < rows; i++)
            {
                WriteRow(writer, i);
            }

            WriteTail(writer, shape);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A stream that produces the response as it is read, so a large response never exists whole.</summary>
    public static Stream OpenStream(int rows, ResponseShape shape = ResponseShape.Graph) => new PayloadStream(rows, shape);

    private static void WriteHead(Utf8JsonWriter writer, ResponseShape shape)
    {
        writer.WriteStartObject();
        if (shape == ResponseShape.Legacy)
        {
            writer.WriteStartObject("Stats");
            writer.WriteNumber("ExecutionTime", 4.621215);
            writer.WriteStartObject("resource_usage");
            writer.WriteStartObject("cpu");
            writer.WriteString("user", "00:00:19.0468750");
            writer.WriteString("total cpu", "00:00:19.0625000");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("dataset_statistics");
            writer.WriteStartObject();
            writer.WriteNumber("table_row_count", 2);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults");
        }

        bool legacy = shape == ResponseShape.Legacy;
        writer.WriteStartArray(legacy ? "Schema" : "schema");
        for (int i = 0; i < Columns.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteString(legacy ? "Name" : "name", Columns[i]);
            writer.WriteString(legacy ? "Type" : "type", Types[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(legacy ? "Results" : "results");
    }

    private static void WriteTail(Utf8JsonWriter writer, ResponseShape shape)
    {
        _ = shape;
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Row <paramref name="index"/>; the values depend only on the index.</summary>
    public static void WriteRow(Utf8JsonWriter writer, int index)
    {
        ulong h = Mix((ulong)index);
        var device = DeviceTable[(int)(h % Devices)];
        var binary = BinaryTable[(int)((h >> 8) % Binaries)];
        var parent = BinaryTable[(int)((h >> 20) % 40)];
        int template = (int)((h >> 32) % CommandTemplates);
        string account = AccountTable[(int)((h >> 44) % Accounts)];

        writer.WriteStartObject();
        writer.WriteString("Timestamp", Start.AddTicks(index * 1_370_123L + (long)(h % 10_000)));
        writer.WriteString("DeviceId", device.Id);
        writer.WriteString("DeviceName", device.Name);
        writer.WriteString("ActionType", ActionTypes[(int)((h >> 56) % (ulong)ActionTypes.Length)]);
        writer.WriteString("FileName", binary.FileName);
        writer.WriteString("FolderPath", binary.Folder);
        writer.WriteString("SHA1", binary.Sha1);
        writer.WriteString("SHA256", binary.Sha256);
        writer.WriteNumber("ProcessId", 1000 + (long)((h >> 12) % 60_000));
        writer.WriteString("ProcessCommandLine", string.Format(CultureInfo.InvariantCulture, TemplateTable[template], (h >> 16) % 1_000_000));
        writer.WriteString("AccountDomain", Domains[(int)((h >> 44) % (ulong)Domains.Length)]);
        writer.WriteString("AccountName", account);
        writer.WriteString("InitiatingProcessFileName", parent.FileName);
        writer.WriteNumber("ReportId", 10_000 + ((long)index * 7));
        string fields = "{\"ProcessStartKey\":" + (17_000_000_000L + index).ToString(CultureInfo.InvariantCulture)
            + ",\"Elevated\":" + ((h & 1) == 0 ? "true" : "false") + ",\"Tags\":[\"t" + ((h >> 4) % 16).ToString(CultureInfo.InvariantCulture) + "\"]}";
        if (index % 2 == 0)
        {
            writer.WritePropertyName("AdditionalFields");
            writer.WriteRawValue(fields, skipInputValidation: true);
        }
        else
        {
            writer.WriteString("AdditionalFields", fields);
        }

        writer.WriteEndObject();
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static string Hex(ulong seed, int length)
    {
        var chars = new char[length];
        ulong h = seed;
        for (int i = 0; i < length; i++)
        {
            if (i % 16 == 0)
            {
                h = Mix(h + (ulong)i);
            }

            chars[i] = "0123456789abcdef"[(int)(h & 15)];
            h >>= 4;
        }

        return new string(chars);
    }

    private static (string, string)[] BuildDevices()
    {
        var devices = new (string, string)[Devices];
        for (int i = 0; i < Devices; i++)
        {
            devices[i] = (Hex(1_000_000UL + (ulong)i, 40), string.Create(CultureInfo.InvariantCulture, $"ws-{i:0000}.corp.contoso.com"));
        }

        return devices;
    }

    private static (string, string, string, string)[] BuildBinaries()
    {
        var binaries = new (string, string, string, string)[Binaries];
        for (int i = 0; i < Binaries; i++)
        {
            string name = BaseNames[i % BaseNames.Length] + (i < BaseNames.Length ? "" : (i / BaseNames.Length).ToString(CultureInfo.InvariantCulture)) + ".exe";
            string folder = i % 3 == 0
                ? @"C:\Windows\System32\" + name
                : string.Create(CultureInfo.InvariantCulture, $@"C:\Program Files\Vendor{i % 37}\App{i}\bin\{name}");
            binaries[i] = (name, folder, Hex(2_000_000UL + (ulong)i, 40), Hex(3_000_000UL + (ulong)i, 64));
        }

        return binaries;
    }

    private static string[] BuildTemplates()
    {
        string[] verbs = ["/c copy", "-NoProfile -ExecutionPolicy Bypass -File", "/i", "--type=renderer --field-trial", "-m pip install", "/s /q"];
        var templates = new string[CommandTemplates];
        for (int i = 0; i < CommandTemplates; i++)
        {
            string exe = BaseNames[i % BaseNames.Length] + ".exe";
            string verb = verbs[i % verbs.Length];
            templates[i] = string.Create(CultureInfo.InvariantCulture, $@"""{exe}"" {verb} C:\Users\Public\Temp\job{i}\{{0}}.tmp --slot {i % 97}");
        }

        return templates;
    }

    private static string[] BuildAccounts()
    {
        var accounts = new string[Accounts];
        for (int i = 0; i < Accounts; i++)
        {
            accounts[i] = i % 10 == 0 ? "system" : string.Create(CultureInfo.InvariantCulture, $"user{i:000}");
        }

        return accounts;
    }

    /// <summary>Writes the response into a small buffer as the reader asks for bytes.</summary>
    private sealed class PayloadStream : Stream
    {
        private readonly int _rows;
        private readonly ResponseShape _shape;
        private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
        private readonly Utf8JsonWriter _writer;
        private int _next = -1;
        private int _offset;
        private bool _finished;

        public PayloadStream(int rows, ResponseShape shape)
        {
            _rows = rows;
            _shape = shape;
            _writer = new Utf8JsonWriter(_buffer);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            while (_offset == _buffer.WrittenCount)
            {
                if (_finished)
                {
                    return 0;
                }

                _buffer.ResetWrittenCount();
                _offset = 0;
                Produce();
            }

            int n = Math.Min(destination.Length, _buffer.WrittenCount - _offset);
            _buffer.WrittenSpan.Slice(_offset, n).CopyTo(destination);
            _offset += n;
            return n;
        }

        public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));

        public override System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult(Read(buffer.AsSpan(offset, count)));

        private void Produce()
        {
            if (_next < 0)
            {
                WriteHead(_writer, _shape);
                _next = 0;
            }

            for (int n = 0; n < 16 && _next < _rows; n++)
            {
                WriteRow(_writer, _next++);
            }

            if (_next >= _rows)
            {
                WriteTail(_writer, _shape);
                _finished = true;
            }

            _writer.Flush();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _writer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
