using System.Globalization;

namespace Platform.Grpc;

/// <summary>Parses and formats the <c>grpc-timeout</c> header: up to 8 digits plus a unit H M S m u n.</summary>
public static class GrpcTimeout
{
    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length < 2 || value.Length > 9)
        {
            return false;
        }
        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }
            amount = (amount * 10) + (c - '0');
        }
        long ticks;
        switch (value[^1])
        {
            case 'H': ticks = amount * TimeSpan.TicksPerHour; break;
            case 'M': ticks = amount * TimeSpan.TicksPerMinute; break;
            case 'S': ticks = amount * TimeSpan.TicksPerSecond; break;
            case 'm': ticks = amount * TimeSpan.TicksPerMillisecond; break;
            case 'u': ticks = amount * 10; break;
            case 'n': ticks = amount / 100; break;
            default: return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout with the finest unit that fits in 8 digits.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        const long max = 99_999_999;
        if (ticks / 10 <= max && ticks % 10 == 0 && ticks > 0 && ticks / TimeSpan.TicksPerMillisecond < 1000)
        {
            return (ticks / 10).ToString(CultureInfo.InvariantCulture) + "u";
        }
        var ms = (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        if (ms <= max)
        {
            return ms.ToString(CultureInfo.InvariantCulture) + "m";
        }
        var s = (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        if (s <= max)
        {
            return s.ToString(CultureInfo.InvariantCulture) + "S";
        }
        var m = (ticks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute;
        if (m <= max)
        {
            return m.ToString(CultureInfo.InvariantCulture) + "M";
        }
        return Math.Min(max, (ticks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour).ToString(CultureInfo.InvariantCulture) + "H";
    }
}
