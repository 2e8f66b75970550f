namespace DoorController.Access
{
    /// <summary>
    /// The readers, doors and areas of a controller's cache: a handful of each (<see cref="SiteCacheFormat"/> caps them),
    /// so exact-size arrays searched in order take less of the controller's heap than hash maps, and a lookup is a few
    /// comparisons. Filled once when the cache loads.
    /// </summary>
    public sealed class CachedSite : ISiteDirectory
    {
        private Reader[] _readers = new Reader[0];
        private DoorInfo[] _doors = new DoorInfo[0];
        private Area[] _areas = new Area[0];

        public void AddReader(Reader reader)
        {
            Reader[] grown = new Reader[_readers.Length + 1];
            System.Array.Copy(_readers, grown, _readers.Length);
            grown[_readers.Length] = reader;
            _readers = grown;
        }

        public void AddDoor(DoorInfo door)
        {
            DoorInfo[] grown = new DoorInfo[_doors.Length + 1];
            System.Array.Copy(_doors, grown, _doors.Length);
            grown[_doors.Length] = door;
            _doors = grown;
        }

        public void AddArea(Area area)
        {
            Area[] grown = new Area[_areas.Length + 1];
            System.Array.Copy(_areas, grown, _areas.Length);
            grown[_areas.Length] = area;
            _areas = grown;
        }

        public Reader FindReader(int readerId)
        {
            for (int i = 0; i < _readers.Length; i++)
            {
                if (_readers[i].Id == readerId) return _readers[i];
            }
            return null;
        }

        public DoorInfo FindDoor(int doorId)
        {
            for (int i = 0; i < _doors.Length; i++)
            {
                if (_doors[i].Id == doorId) return _doors[i];
            }
            return null;
        }

        public Area FindArea(int areaId)
        {
            for (int i = 0; i < _areas.Length; i++)
            {
                if (_areas[i].Id == areaId) return _areas[i];
            }
            return null;
        }
    }
}
