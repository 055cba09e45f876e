namespace Zones.Tests;

/// <summary>
/// Independent reference values: Vincenty's inverse and direct formulae on the WGS 84 ellipsoid
/// (T. Vincenty, Survey Review 1975; accurate to well under a millimetre at these distances), and the
/// area of a small lat/lon rectangle from the ellipsoid's radii of curvature.
/// </summary>
public static class Geodesy
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;
    private const double B = A * (1 - F);

    private static double Rad(double d) => d * Math.PI / 180;
    private static double Deg(double r) => r * 180 / Math.PI;

    /// <summary>Distance in metres between two points (lon, lat in degrees).</summary>
    public static double Distance(double lon1, double lat1, double lon2, double lat2)
    {
        var l = Rad(lon2 - lon1);
        var u1 = Math.Atan((1 - F) * Math.Tan(Rad(lat1)));
        var u2 = Math.Atan((1 - F) * Math.Tan(Rad(lat2)));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        double lambda = l, lambdaP, sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM;
        var iterations = 0;
        do
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            sinSigma = Math.Sqrt(Math.Pow(cosU2 * sinLambda, 2) + Math.Pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
            if (sinSigma == 0) return 0;
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha;
            var c = F / 16 * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
            lambdaP = lambda;
            lambda = l + (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        } while (Math.Abs(lambda - lambdaP) > 1e-12 && ++iterations < 200);

        var uSq = cosSqAlpha * (A * A - B * B) / (B * B);
        var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
            - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * bigA * (sigma - deltaSigma);
    }

    /// <summary>The point <paramref name="metres"/> from (lon, lat) along the initial bearing (degrees from north).</summary>
    public static (double Lon, double Lat) Destination(double lon, double lat, double bearingDeg, double metres)
    {
        var alpha1 = Rad(bearingDeg);
        double sinAlpha1 = Math.Sin(alpha1), cosAlpha1 = Math.Cos(alpha1);
        var tanU1 = (1 - F) * Math.Tan(Rad(lat));
        var cosU1 = 1 / Math.Sqrt(1 + tanU1 * tanU1);
        var sinU1 = tanU1 * cosU1;
        var sigma1 = Math.Atan2(tanU1, cosAlpha1);
        var sinAlpha = cosU1 * sinAlpha1;
        var cosSqAlpha = 1 - sinAlpha * sinAlpha;
        var uSq = cosSqAlpha * (A * A - B * B) / (B * B);
        var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var sigma = metres / (B * bigA);
        double sigmaP, cos2SigmaM, sinSigma, cosSigma;
        do
        {
            cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
            sinSigma = Math.Sin(sigma);
            cosSigma = Math.Cos(sigma);
            var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            sigmaP = sigma;
            sigma = metres / (B * bigA) + deltaSigma;
        } while (Math.Abs(sigma - sigmaP) > 1e-12);

        var tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
        var lat2 = Math.Atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1, (1 - F) * Math.Sqrt(sinAlpha * sinAlpha + tmp * tmp));
        var lambda = Math.Atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
        var c = F / 16 * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
        var l = lambda - (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        return (lon + Deg(l), Deg(lat2));
    }

    /// <summary>Area (m²) of a small rectangle between two parallels and two meridians: M·dφ × N·cosφ·dλ at its middle.</summary>
    public static double RectangleArea(double minLon, double minLat, double maxLon, double maxLat)
    {
        var e2 = F * (2 - F);
        var phi = Rad((minLat + maxLat) / 2);
        var w = Math.Sqrt(1 - e2 * Math.Sin(phi) * Math.Sin(phi));
        var m = A * (1 - e2) / (w * w * w);
        var n = A / w;
        return m * Rad(maxLat - minLat) * n * Math.Cos(phi) * Rad(maxLon - minLon);
    }

    /// <summary>Shortest distance (m) from a point to a lat/lon rectangle's outline, by dense sampling of its edges.</summary>
    public static double DistanceToRectangle(double lon, double lat, (double MinLon, double MinLat, double MaxLon, double MaxLat) r, int samplesPerEdge = 2000)
    {
        var best = double.MaxValue;
        for (var i = 0; i <= samplesPerEdge; i++)
        {
            var t = (double)i / samplesPerEdge;
            var x = r.MinLon + t * (r.MaxLon - r.MinLon);
            var y = r.MinLat + t * (r.MaxLat - r.MinLat);
            best = Math.Min(best, Distance(lon, lat, x, r.MinLat));
            best = Math.Min(best, Distance(lon, lat, x, r.MaxLat));
            best = Math.Min(best, Distance(lon, lat, r.MinLon, y));
            best = Math.Min(best, Distance(lon, lat, r.MaxLon, y));
        }
        return best;
    }
}
