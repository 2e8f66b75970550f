namespace DoorController.Access
{
    /// <summary>Readers, doors and areas in RAM (server, tests, and the controller after loading its cache).</summary>
    public sealed class InMemorySite : ISiteDirectory
    {
        private readonly IntMap _readers = new IntMap();
        private readonly IntMap _doors = new IntMap();
        private readonly IntMap _areas = new IntMap();

        public Reader AddReader(Reader reader)
        {
            _readers.Put(reader.Id, reader);
            return reader;
        }

        /// <summary>Convenience for the common case.</summary>
        public Reader AddReader(int id, string name, int doorId, ReaderUsage usage, int fromArea, int toArea)
        {
            Reader r = new Reader();
            r.Id = id;
            r.Name = name;
            r.DoorId = doorId;
            r.Usage = usage;
            r.FromArea = fromArea;
            r.ToArea = toArea;
            return AddReader(r);
        }

        public DoorInfo AddDoor(DoorInfo door)
        {
            _doors.Put(door.Id, door);
            return door;
        }

        public Area AddArea(Area area)
        {
            _areas.Put(area.Id, area);
            return area;
        }

        public Reader FindReader(int readerId)
        {
            return (Reader)_readers.Get(readerId);
        }

        public DoorInfo FindDoor(int doorId)
        {
            return (DoorInfo)_doors.Get(doorId);
        }

        public Area FindArea(int areaId)
        {
            return (Area)_areas.Get(areaId);
        }

        /// <summary>All readers (allocates; for tools and cache builders).</summary>
        public object[] Readers()
        {
            return _readers.Values();
        }

        public object[] Doors()
        {
            return _doors.Values();
        }

        public object[] AreaList()
        {
            return _areas.Values();
        }
    }
}
